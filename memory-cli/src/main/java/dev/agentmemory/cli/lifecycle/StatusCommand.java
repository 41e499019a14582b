package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.ProjectOption;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code status}: is the daemon of the PID file alive, and does it answer health checks? Exits 0
 * when it runs and answers, 3 otherwise, so scripts can test it.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the memory daemon runs.")
public final class StatusCommand implements Callable<Integer> {
  // A healthy daemon answers in milliseconds, even under load (health has its own threads).
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(1);

  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;
  @Mixin ProjectOption project;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DaemonFiles files = new DaemonFiles(root.context().platform().pidFile());
    RunningDaemon.State state = RunningDaemon.inspect(files);
    if (state instanceof RunningDaemon.NoPidFile) {
      out.println("Memory daemon is NOT running (no PID file)");
      out.printf("PID file: \"%s\"%n", files.pidFile());
      return ExitCode.NOT_RUNNING;
    }
    if (state instanceof RunningDaemon.Stale stale) {
      files.removeAll();
      out.println("Memory daemon is NOT running (stale PID file)");
      out.printf("PID file: \"%s\" named PID %d, but %s; removed it.%n", files.pidFile(), stale.pid(),
          stale.reason());
      return ExitCode.NOT_RUNNING;
    }
    RunningDaemon.Alive alive = (RunningDaemon.Alive) state;
    out.printf("Memory daemon is running (PID %d)%n", alive.process().pid());
    out.printf("PID file: \"%s\"%n", files.pidFile());
    DaemonInfo info = alive.info();
    out.printf("Endpoint: %s%n", info.endpoint());
    if (!info.socket().isEmpty()) {
      out.printf("Socket: %s%n", info.socket());
    }
    out.printf("Store: %s%nVersion: %s%n", info.dbPath(), info.version());
    if (!info.logFile().isEmpty()) {
      out.printf("Log: %s%n", info.logFile());
    }
    info.warnings().forEach(warning -> out.printf("WARNING: %s%n", warning));
    Endpoint endpoint = Endpoint.of(info);
    try (DaemonClient client = root.context().clients().apply(endpoint)) {
      String health = client.health(HEALTH_DEADLINE);
      out.printf("Health: %s%n", health);
      if (!"SERVING".equals(health)) {
        return ExitCode.NOT_RUNNING;
      }
      // what the store says now (a full disk), beyond what the daemon found at start
      ProjectOption.Choice store = project.forReading(root);
      var stats = client.inProject(store.project()).storeStats();
      out.printf("Search of %s: keyword ready (%d units, %d events behind); semantic %s%n", store.describe(),
          stats.getSearchDocuments(), stats.getSearchBehind(), stats.getSearchModel());
      if (!stats.getProjectsList().isEmpty()) {
        out.printf("Projects with a store: %s (--project NAME)%n", String.join(", ", stats.getProjectsList()));
      }
      out.printf("Store format: %d%n", stats.getStoreFormat());
      stats.getWarningsList().stream().filter(w -> !info.warnings().contains(w))
          .forEach(warning -> out.printf("WARNING: %s%n", warning));
      return ExitCode.OK;
    } catch (CliException e) {
      out.printf("Health: UNREACHABLE (%s)%n", e.getMessage());
      return ExitCode.NOT_RUNNING;
    }
  }
}
