package dev.agentmemory.cli.mcp;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon as the MCP tools reach it: looked up at every call (it may start or stop during a
 * session), one short connection per call, in the session's project.
 */
final class RunningDaemon implements MemoryTools.Daemon {
  private final MemoryDaemonCommand root;
  private final String project;

  RunningDaemon(MemoryDaemonCommand root, String project) {
    this.root = root;
    this.project = project;
  }

  @Override
  public <T> T call(Function<DaemonClient, T> calls) {
    return call(false, calls);
  }

  @Override
  public <T> T call(boolean allProjects, Function<DaemonClient, T> calls) {
    Optional<DaemonInfo> running = root.context().runningDaemon();
    if (running.isEmpty()) {
      throw new CliException("The memory daemon is not running, so the memory cannot be read now. "
          + "Ask the user to start it: `memory-daemon start`.");
    }
    try (DaemonClient client = root.context().clients().apply(Endpoint.of(running.get()))) {
      return calls.apply(allProjects ? client : client.inProject(project));
    }
  }

  @Override
  public String project() {
    return project;
  }

  @Override
  public ZoneId zone() {
    return root.zone();
  }

  @Override
  public LocalDate today() {
    return LocalDate.now(Clock.system(zone()));
  }
}
