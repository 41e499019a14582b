package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.Count;
import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.daemon.backup.Backups;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    Backups.Result result = admin.operating(operations -> {
      if (where.isEmpty() || where.get().startsWith(backupDir)) {
        return operations.backup(where.map(Path::toString), OptionalInt.of(kept));
      }
      // backups are made inside backup.dir (the daemon writes nowhere else); one for elsewhere is
      // moved there by this command, as the user, and that directory pruned to --keep
      Backups.requireBackupsDirectory(where.get()); // before a backup is made that could not go there
      Backups.Result made = operations.backup(Optional.empty(), OptionalInt.empty());
      Backups.Result moved = Backups.moveInto(made, where.get(), kept);
      return new Backups.Result(moved.path(), made.stores(), made.bytes(), made.durationMs(), moved.removed());
    });
    print(spec.commandLine().getOut(), result);
    return 0;
  }

  private void print(PrintWriter out, Backups.Result result) {
    if (json) {
      var node = Json.object().put("path", result.path().toString()).put("bytes", result.bytes())
          .put("duration_ms", result.durationMs());
      var stores = node.putArray("stores");
      result.stores().forEach(store -> stores.addObject().put("project", store.project())
          .put("path", store.path()).put("events", store.events()).put("bytes", store.bytes()));
      var removed = node.putArray("removed");
      result.removed().forEach(path -> removed.add(path.toString()));
      Json.print(out, node);
      return;
    }
    long events = result.stores().stream().mapToLong(Backups.StoreCopy::events).sum();
    out.printf("Backup written to %s in %.1f s: %s, %d events, %s.%n", result.path(),
        result.durationMs() / 1000.0, Count.of(result.stores().size(), "store"), events,
        size(result.bytes()));
    for (Backups.StoreCopy store : result.stores()) {
      out.printf("  %-24s %10d events  %10s  %s%n", store.project().isEmpty() ? "(default store)" : store.project(),
          store.events(), size(store.bytes()), store.path());
    }
    result.removed().forEach(removed -> out.printf("Removed the older backup %s%n", removed));
    out.printf("Restore it with: memory-daemon admin restore --from %s%n", result.path());
  }

  static String size(long bytes) {
    return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
