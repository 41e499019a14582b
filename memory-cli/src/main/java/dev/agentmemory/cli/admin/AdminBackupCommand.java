package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.grpc.AdminMapper;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.BackupStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin backup [--dest DIR] [--keep N]}: a hot backup of every store. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up every store (the default one and each project's) while the daemon keeps working.",
      "A new directory <dest>/<yyyyMMdd-HHmmss> (default dest: backup.dir, ~/.local/share/agent-memory/backups), "
          + "then all but the newest --keep backups there are removed. Through the daemon when it runs, directly "
          + "when it does not."
    })
public final class AdminBackupCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--dest", paramLabel = "DIR", description = "The directory of backups (default: backup.dir of the configuration).")
  Path dest;

  @Option(names = "--keep", paramLabel = "N", description = "How many backups to keep in it (default: backup.keep, 4).")
  Integer keep;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (keep != null) {
      Usage.requireRange(spec, "--keep", keep, 1, 1000);
    }
    Path backupDir = admin.root().config().backup().dir().toAbsolutePath().normalize();
    Optional<Path> where = Optional.ofNullable(dest).map(Backups::requireOwnDirectory);
    int kept = keep == null ? admin.root().config().backup().keep() : keep;
    BackupResponse result = admin.everyStore(
        client -> throughDaemon(client, backupDir, where, kept),
        stores -> AdminMapper.backup(Backups.create(stores, where.orElse(backupDir), kept, Clock.systemUTC())));
    print(spec.commandLine().getOut(), result);
    return 0;
  }

  /**
   * The daemon writes backups only inside backup.dir; a --dest elsewhere gets the new backup moved
   * there by this command, as the user, and pruned to --keep.
   */
  private BackupResponse throughDaemon(DaemonClient client, Path backupDir, Optional<Path> where, int kept) {
    if (where.isEmpty() || where.get().startsWith(backupDir)) {
      return client.backup(BackupRequest.newBuilder().setDest(where.map(Path::toString).orElse(""))
          .setKeep(kept).build());
    }
    Backups.requireBackupsDirectory(where.get()); // before a backup is made that could not go there
    BackupResponse made = client.backup(BackupRequest.getDefaultInstance());
    Backups.Result moved = Backups.moveInto(new Backups.Result(Path.of(made.getPath()), java.util.List.of(), made.getBytes(),
        made.getDurationMs(), java.util.List.of()), where.get(), kept);
    return made.toBuilder().setPath(moved.path().toString()).clearRemoved()
        .addAllRemoved(moved.removed().stream().map(Path::toString).toList()).build();
  }

  private void print(PrintWriter out, BackupResponse result) {
    if (json) {
      var node = Json.object().put("path", result.getPath()).put("bytes", result.getBytes())
          .put("duration_ms", result.getDurationMs());
      var stores = node.putArray("stores");
      result.getStoresList().forEach(store -> stores.addObject().put("project", store.getProject())
          .put("path", store.getPath()).put("events", store.getEvents()).put("bytes", store.getBytes()));
      result.getRemovedList().forEach(node.putArray("removed")::add);
      Json.print(out, node);
      return;
    }
    long events = result.getStoresList().stream().mapToLong(BackupStore::getEvents).sum();
    out.printf("Backup written to %s in %.1f s: %d store%s, %d events, %s.%n", result.getPath(),
        result.getDurationMs() / 1000.0, result.getStoresCount(), result.getStoresCount() == 1 ? "" : "s", events,
        size(result.getBytes()));
    for (BackupStore store : result.getStoresList()) {
      out.printf("  %-24s %10d events  %10s  %s%n", store.getProject().isEmpty() ? "(default store)" : store.getProject(),
          store.getEvents(), size(store.getBytes()), store.getPath());
    }
    result.getRemovedList().forEach(removed -> out.printf("Removed the older backup %s%n", removed));
    out.printf("Restore it with: memory-daemon admin restore --from %s%n", result.getPath());
  }

  static String size(long bytes) {
    return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
