package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.CliContext;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.Main;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import dev.agentmemory.files.PrivateFiles;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the daemon as a detached process (its own session where {@code setsid} exists, output to
 * {@code daemon.out.log}, log to {@code daemon.log}) and waits until it answers health checks.
 */
final class BackgroundStart {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int TAIL_LINES = 20;

  private final CliContext context;
  private final PrintWriter out;

  BackgroundStart(CliContext context, PrintWriter out) {
    this.context = context;
    this.out = out;
  }

  int start(DaemonConfig config, List<String> daemonArgs) throws IOException, InterruptedException {
    DaemonFiles files = new DaemonFiles(context.platform().pidFile());
    DaemonChecks.refuseIfRunning(files, out);
    Path logDir = context.platform().logDir();
    PrivateFiles.createDirectories(logDir);
    Path logFile = config.log().file();
    PrivateFiles.createDirectories(logFile.toAbsolutePath().getParent());
    Path outLog = logDir.resolve("daemon.out.log");
    long outLogStart = Files.exists(outLog) ? Files.size(outLog) : 0;
    long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;

    List<String> command = command(daemonArgs, logFile);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outLog.toFile()));
    Process child = builder.start();
    child.getOutputStream().close();

    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!child.isAlive()) {
        throw new CliException(
            "Memory daemon failed to start (exit code " + child.exitValue() + ").\n"
                + Tail.of(outLog, outLogStart, TAIL_LINES) + Tail.of(logFile, logStart, TAIL_LINES)
                + "Logs: " + outLog + ", " + logFile);
      }
      Optional<DaemonInfo> info = readyInfo(files, child);
      if (info.isPresent() && serving(info.get())) {
        out.printf("Memory daemon started (PID %d) on %s%n", info.get().pid(), info.get().endpoint());
        out.printf("  PID file: \"%s\"%n  Log: %s%n", files.pidFile(), logFile);
        info.get().warnings().forEach(warning -> out.printf("WARNING: %s%n", warning));
        return 0;
      }
      Thread.sleep(100);
    }
    throw new CliException(
        "Memory daemon (PID " + child.pid() + ") did not answer health checks within " + READY_TIMEOUT.toSeconds()
            + " s. It may still be starting; check `memory-daemon status` and the logs: " + logFile + ", " + outLog);
  }

  private static Optional<DaemonInfo> readyInfo(DaemonFiles files, Process child) {
    return RunningDaemon.find(files).filter(info -> info.pid() == child.pid());
  }

  private boolean serving(DaemonInfo info) {
    try (DaemonClient client = context.clients().apply(Endpoint.of(info))) {
      return "SERVING".equals(client.health(Duration.ofSeconds(1)));
    } catch (CliException e) {
      return false;
    }
  }

  private List<String> command(List<String> daemonArgs, Path logFile) {
    List<String> command = new ArrayList<>();
    // setsid puts the daemon in its own session: closing the terminal does not hang it up.
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (new File(setsid).canExecute()) {
        command.add(setsid);
        break;
      }
    }
    // Through the launcher when there is one: it gives the daemon its own JVM settings (class-data
    // archive, full JIT), not those of this short-lived client.
    String launcher = context.platform().env().get("MEMORY_DAEMON_LAUNCHER");
    if (launcher != null && !launcher.isBlank()) {
      command.add(launcher);
    } else {
      command.add(javaExecutable());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
    }
    command.addAll(daemonArgs);
    command.add("--log-file");
    command.add(logFile.toString());
    return command;
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
