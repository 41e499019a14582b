package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.LogFilter;
import dev.agentmemory.cli.Logging;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.daemon.MemoryDaemon;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.lifecycle.ProcessName;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code start}: runs the daemon, in the background unless {@code --foreground}. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start the memory daemon.",
      "Without --foreground it detaches, logs to the log directory and returns once the daemon answers"
          + " health checks."
    })
public final class StartCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--foreground"}, description = "Run in this process, logging to stderr; Ctrl-C stops it.")
  boolean foreground;

  @Option(names = {"-p", "--port"}, paramLabel = "N", description = "gRPC port (0 picks a free one).")
  Integer port;

  @Option(names = "--db-path", paramLabel = "PATH", description = "Store directory.")
  Path dbPath;

  @Option(names = "--show-config", description = "Print the effective configuration (each value and where it comes from) first.")
  boolean showConfig;

  // The build starts the daemon once this way to record the class-data archive the launcher uses.
  @Option(names = "--exit-when-ready", hidden = true, description = "Stop as soon as the daemon serves.")
  boolean exitWhenReady;

  @Option(names = "--log-file", hidden = true, paramLabel = "PATH", description = "Log to this file (background mode).")
  Path logFile;

  @Override
  public Integer call() throws Exception {
    if (port != null) {
      Usage.requireRange(spec, "--port", port, 0, 65_535);
    }
    DaemonConfig config = root.config(flags());
    if (showConfig) {
      spec.commandLine().getOut().println("Configuration:" + config.describe());
      spec.commandLine().getOut().flush();
    }
    if (!foreground) {
      return new BackgroundStart(root.context(), spec.commandLine().getOut()).start(config, childArgs());
    }
    configureLogging(config);
    ProcessName.set();
    MemoryDaemon daemon =
        MemoryDaemon.start(config, root.context().platform(), Clock.systemUTC(), logTo(config));
    if (exitWhenReady) {
      daemon.close();
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      daemon.close();
      stopped.countDown();
    }, "memory-shutdown"));
    spec.commandLine().getOut().printf(
        "Memory daemon running on %s (PID %d). Press Ctrl-C to stop.%n", daemon.info().endpoint(), daemon.info().pid());
    daemon.info().warnings().forEach(warning -> spec.commandLine().getOut().printf("WARNING: %s%n", warning));
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }

  private Map<ConfigKey, String> flags() {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    if (port != null) {
      flags.put(ConfigKey.GRPC_PORT, port.toString());
    }
    if (dbPath != null) {
      flags.put(ConfigKey.DB_PATH, dbPath.toAbsolutePath().toString());
    }
    return flags;
  }

  /** Arguments that make a child process start this same daemon in the foreground. */
  private List<String> childArgs() {
    List<String> args = new ArrayList<>(root.globalArgs());
    args.add("start");
    args.add("--foreground");
    if (port != null) {
      args.add("--port");
      args.add(port.toString());
    }
    if (dbPath != null) {
      args.add("--db-path");
      args.add(dbPath.toAbsolutePath().toString());
    }
    return args;
  }

  /**
   * Where this daemon logs: the file a detached start named, else log_file when it was set; empty
   * for the terminal (a daemon in the foreground).
   */
  private Optional<Path> logTo(DaemonConfig config) {
    return Optional.ofNullable(logFile).or(() -> Optional.of(config.log().file()).filter(file -> config.log().chosen()));
  }

  private void configureLogging(DaemonConfig config) {
    LogFilter filter = LogFilter.fromEnvironment(root.context().platform().env());
    String source = config.sources().getOrDefault(ConfigKey.LOG_LEVEL, "default");
    boolean levelChosenExplicitly = source.equals("flag") || source.startsWith("env");
    String level = levelChosenExplicitly ? config.logLevel() : filter.rootLevel().orElse(config.logLevel());
    Logging.configure(level, filter.loggerLevels(), logTo(config), config.log().maxSize(), config.log().keep());
  }
}
