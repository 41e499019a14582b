package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stop}: SIGTERM to the daemon of the PID file, then wait (bounded) for it to exit. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the running memory daemon.")
public final class StopCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "40",
      description = "How long to wait for a graceful exit before killing it (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DaemonFiles files = new DaemonFiles(root.context().platform().pidFile());
    RunningDaemon.State state = RunningDaemon.inspect(files);
    if (state instanceof RunningDaemon.NoPidFile) {
      out.printf("Memory daemon is NOT running (no PID file at \"%s\").%n", files.pidFile());
      return ExitCode.OK;
    }
    if (DaemonChecks.removeIfStale(state, files, out)) {
      out.println("Memory daemon is NOT running.");
      return ExitCode.OK;
    }
    ProcessHandle process = ((RunningDaemon.Alive) state).process();
    process.destroy();
    out.printf("Sent SIGTERM to daemon (PID %d)%n", process.pid());
    out.flush();
    try {
      process.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      process.onExit().get(10, TimeUnit.SECONDS);
      files.removeIfOwnedBy(process.pid());
      spec.commandLine().getErr().printf(
          "Memory daemon did not stop within %d s; killed it (SIGKILL). Acknowledged events are safe in the "
              + "write-ahead log.%n", timeoutSeconds);
      return ExitCode.ERROR;
    }
    files.removeIfOwnedBy(process.pid());
    out.println("Memory daemon stopped.");
    return ExitCode.OK;
  }
}
