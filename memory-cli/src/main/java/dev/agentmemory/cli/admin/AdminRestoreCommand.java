package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.backup.Restore;
import dev.agentmemory.domain.StoreVerification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin restore --from DIR}: a backup in place of the store, the daemon stopped. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Put a backup in place of the store (--db-path, default: db_path), with the daemon stopped.",
      "The backup is verified first; the store it replaces is moved aside to <db_path>.replaced-<time>, not "
          + "deleted. The search index is rebuilt from the events when the daemon starts."
    })
public final class AdminRestoreCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "DIR",
      description = "A backup (a directory with backup.json), or a directory of backups (then the newest).")
  Path from;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path target = admin.defaultStore();
    if (admin.daemonServing(target).isPresent()) {
      throw new CliException("The daemon is running on " + target + "; stop it first (memory-daemon stop), then restore");
    }
    Path backup = Restore.backupIn(from);
    List<Backups.StoreCopy> stores = Backups.read(backup);
    out.printf("Verifying the backup %s (%d store%s)...%n", backup, stores.size(), stores.size() == 1 ? "" : "s");
    out.flush();
    List<StoreVerification> checked = Restore.verify(backup);
    List<String> problems = checked.stream().flatMap(result -> result.problems().stream()
        .map(problem -> result.store() + ": " + problem)).toList();
    if (!problems.isEmpty()) {
      throw new CliException("The backup " + backup + " is not sound, nothing was changed:\n  - "
          + String.join("\n  - ", problems) + "\nRestore an older backup instead.");
    }
    Restore.Result result = Restore.restore(backup, target, Clock.systemUTC());
    long events = stores.stream().mapToLong(Backups.StoreCopy::events).sum();
    out.printf("Restored %s to %s: %d store%s, %d events.%n", backup, result.target(), stores.size(),
        stores.size() == 1 ? "" : "s", events);
    result.keptAside().ifPresent(kept -> out.printf("The store it replaced is kept at %s (remove it when you no longer need it).%n", kept));
    out.println("Start the daemon: memory-daemon start (it rebuilds the search index from the events).");
    return 0;
  }
}
