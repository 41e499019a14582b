package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import java.io.PrintWriter;

/** Checks shared by the lifecycle commands. */
final class DaemonChecks {
  private DaemonChecks() {}

  /** Fails if a daemon runs; removes a stale PID file (saying so). */
  static void refuseIfRunning(DaemonFiles files, PrintWriter out) {
    RunningDaemon.State state = RunningDaemon.inspect(files);
    if (state instanceof RunningDaemon.Alive alive) {
      throw new CliException(
          "Memory daemon is already running (PID " + alive.process().pid() + " on " + alive.info().endpoint() + "). "
              + "Use `memory-daemon stop` first, or `memory-daemon status` to see it.");
    }
    removeIfStale(state, files, out);
  }

  /** Removes the PID file if it is stale and says so; returns whether it was. */
  static boolean removeIfStale(RunningDaemon.State state, DaemonFiles files, PrintWriter out) {
    if (state instanceof RunningDaemon.Stale stale) {
      files.removeAll();
      out.printf("Removed stale PID file \"%s\" (%s).%n", files.pidFile(), stale.reason());
      return true;
    }
    return false;
  }
}
