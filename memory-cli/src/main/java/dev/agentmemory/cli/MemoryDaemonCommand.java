package dev.agentmemory.cli;

import dev.agentmemory.cli.admin.AdminCommand;
import dev.agentmemory.cli.auth.AuthCommand;
import dev.agentmemory.cli.doctor.DoctorCommand;
import dev.agentmemory.cli.hooks.HookCommand;
import dev.agentmemory.cli.hooks.HooksCommand;
import dev.agentmemory.cli.lifecycle.LogsCommand;
import dev.agentmemory.cli.lifecycle.StartCommand;
import dev.agentmemory.cli.lifecycle.StatusCommand;
import dev.agentmemory.cli.lifecycle.StopCommand;
import dev.agentmemory.cli.lifecycle.WarmUpCommand;
import dev.agentmemory.cli.mcp.McpCommand;
import dev.agentmemory.cli.query.QueryCommand;
import dev.agentmemory.cli.scheduler.SchedulerCommand;
import dev.agentmemory.cli.service.ServiceCommand;
import dev.agentmemory.cli.viewer.UiCommand;
import dev.agentmemory.daemon.Version;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code memory-daemon} command: global options and the subcommands. */
@Command(
    name = "memory-daemon",
    mixinStandardHelpOptions = true,
    versionProvider = MemoryDaemonCommand.VersionProvider.class,
    description = "Long-term memory for AI coding agents: a local gRPC daemon over RocksDB.")
public final class MemoryDaemonCommand {
  /** The subcommands, in the order help lists them; Main adds only the one a command line runs. */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("start", StartCommand.class);
    commands.put("stop", StopCommand.class);
    commands.put("status", StatusCommand.class);
    commands.put("logs", LogsCommand.class);
    commands.put("query", QueryCommand.class);
    commands.put("search", SearchCommand.class);
    commands.put("admin", AdminCommand.class);
    commands.put("scheduler", SchedulerCommand.class);
    commands.put("hooks", HooksCommand.class);
    commands.put("auth", AuthCommand.class);
    commands.put("service", ServiceCommand.class);
    commands.put("doctor", DoctorCommand.class);
    commands.put("ui", UiCommand.class);
    commands.put("hook", HookCommand.class);
    commands.put("mcp", McpCommand.class);
    commands.put("warm-up", WarmUpCommand.class);
    commands.put("completion", CompletionCommand.class);
    return Collections.unmodifiableMap(commands);
  }

  private final CliContext context;

  @Option(
      names = {"-c", "--config"},
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "Config file (default ~/.config/agent-memory/config.toml).")
  Path configFile;

  @Option(
      names = "--log-level",
      scope = ScopeType.INHERIT,
      paramLabel = "LEVEL",
      description = "trace, debug, info, warn, error or off (overrides log_level and MEMORY_LOG_LEVEL).")
  String logLevel;

  @Option(
      names = {"-x", "--stacktrace"},
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean stacktrace;

  private DaemonConfig config;

  public MemoryDaemonCommand(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  /** The effective configuration: defaults < config file < MEMORY_* env < these flags. */
  public DaemonConfig config(Map<ConfigKey, String> flags) {
    Map<ConfigKey, String> all = new EnumMap<>(ConfigKey.class);
    all.putAll(flags);
    if (logLevel != null) {
      all.put(ConfigKey.LOG_LEVEL, logLevel);
    }
    return new ConfigLoader(context.platform()).load(Optional.ofNullable(configFile), all);
  }

  /** The configuration without command flags, loaded once per command line. */
  public DaemonConfig config() {
    if (config == null) {
      config = config(Map.of());
    }
    return config;
  }

  /** The zone times are shown in: the configured {@code timezone} (the system's by default). */
  public ZoneId zone() {
    return config().toc().zone();
  }

  /** Global options as they were given, to pass on to a background daemon process. */
  public List<String> globalArgs() {
    List<String> args = new ArrayList<>();
    if (configFile != null) {
      args.add("--config");
      args.add(configFile.toAbsolutePath().toString());
    }
    if (logLevel != null) {
      args.add("--log-level");
      args.add(logLevel);
    }
    return args;
  }

  boolean stacktrace() {
    return stacktrace;
  }

  /** Prints {@code memory-daemon <version>} for {@code --version}. */
  public static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"memory-daemon " + Version.describe(), "Java " + Runtime.version()};
    }
  }
}
