package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
    Usage.requireRange(spec, "--timeout", timeoutSeconds, 1, 3_600);
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
    RunningDaemon.Alive alive = (RunningDaemon.Alive) state;
    ProcessHandle process = alive.process();
    Optional<Path> log = Optional.of(alive.info().logFile()).filter(f -> !f.isEmpty()).map(Path::of);
    long logStart = log.map(StopCommand::size).orElse(0L);
    process.destroy();
    out.printf("Sent SIGTERM to daemon (PID %d)%n", process.pid());
    out.flush();
    if (!awaitExit(process, log, logStart, out)) {
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

  /**
   * Waits up to the timeout for the daemon to exit. A normal stop takes about a second; when it
   * takes longer, says so and shows what the daemon logs meanwhile (what it is waiting for).
   */
  private boolean awaitExit(ProcessHandle process, Optional<Path> log, long logStart, PrintWriter out)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long shown = logStart;
    boolean announced = false;
    while (System.nanoTime() < deadline) {
      try {
        process.onExit().get(Math.min(2_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        if (!announced) {
          out.printf("Waiting for the daemon to finish its running work and close the store (up to %d s)...%n",
              timeoutSeconds);
          announced = true;
        }
        if (log.isPresent()) {
          String lines = Tail.of(log.get(), shown, 5);
          shown = size(log.get());
          if (!lines.isEmpty()) {
            out.print(lines);
          }
        }
        out.flush();
      }
    }
    return false;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
