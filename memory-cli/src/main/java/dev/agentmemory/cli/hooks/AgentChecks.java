package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.doctor.Check;
import dev.agentmemory.hook.Platform;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code doctor} finds of the agents' connections: hooks, plugin, MCP server, other agents. */
public final class AgentChecks {
  private static final String REINSTALL = "memory-daemon hooks install (registers this installation again)";

  private AgentChecks() {}

  /** A warning when this memory-daemon runs from a build tree, whose registrations a rebuild breaks. */
  public static Optional<Check> launcher(Platform platform) {
    return Launcher.inBuildTree(platform).map(warning -> Check.warn("runtime",
        "this memory-daemon is a build's: " + Launcher.path(platform),
        "install a release (docs/install.md) and register it: memory-daemon hooks install"));
  }

  public static List<Check> of(Platform platform) {
    List<Check> checks = new ArrayList<>(claude(platform));
    for (String name : AgentSetup.NAMES) {
      AgentSetup setup = AgentSetup.of(name, platform, Optional.empty()).orElseThrow();
      if (setup.found()) {
        try {
          checks.add(Check.ok(setup.title(), setup.status()));
        } catch (CliException e) {
          checks.add(Check.warn(setup.title(), e.getMessage(), "memory-daemon hooks install --agent " + name));
        }
      }
    }
    return checks;
  }

  private static List<Check> claude(Platform platform) {
    String area = "Claude Code";
    Path dir = platform.home().resolve(".claude");
    if (!Files.isDirectory(dir)) {
      return List.of(Check.ok(area, "not found (" + dir + " does not exist)"));
    }
    List<Check> checks = new ArrayList<>();
    ClaudeSettings settings = ClaudeSettings.read(dir.resolve("settings.json"));
    List<String> commands = settings.installedCommands();
    boolean plugin = settings.pluginEnabled();
    if (commands.isEmpty() && !plugin) {
      checks.add(Check.warn(area, "not connected: no agent-memory hook and no agent-memory plugin, so sessions are not "
          + "remembered", "memory-daemon hooks install, or the plugin (docs/agents.md#the-claude-code-plugin)"));
    }
    for (String command : commands) {
      Optional<String> missing = missingProgram(command);
      checks.add(missing.isPresent()
          ? Check.fail(area, "the hook runs " + missing.get() + ", which does not exist: nothing is captured", REINSTALL)
          : Check.ok(area, "hook for " + String.join(", ", settings.installedEvents()) + ": " + command));
    }
    if (plugin) {
      checks.add(commands.isEmpty() ? Check.ok(area, "plugin " + ClaudeSettings.PLUGIN + " enabled")
          : Check.warn(area, "both the plugin and hooks install are connected: each session is given its memory twice",
              "memory-daemon hooks uninstall (keeps the plugin), or claude plugin disable " + ClaudeSettings.PLUGIN));
    }
    ClaudeMcpServers mcp = ClaudeMcpServers.read(platform.home(), Optional.empty());
    mcp.command().ifPresent(command -> {
      Optional<String> missing = missingProgram(command);
      checks.add(missing.isPresent()
          ? Check.fail(area, "the MCP server runs " + missing.get() + ", which does not exist", REINSTALL)
          : Check.ok(area, "MCP server " + ClaudeMcpServers.NAME + ": " + command + " mcp"));
    });
    return checks;
  }

  /** The program {@code command} starts (its first word, quotes removed) when it cannot be run. */
  static Optional<String> missingProgram(String command) {
    String trimmed = command.strip();
    String program = trimmed.startsWith("\"") ? trimmed.substring(1, Math.max(1, trimmed.indexOf('"', 1)))
        : trimmed.split("\\s+", 2)[0];
    if (program.contains("${")) {
      return Optional.empty(); // a variable the agent expands (a plugin's root): not ours to resolve
    }
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program)) ? Optional.empty() : Optional.of(program);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.empty();
      }
    }
    return Optional.of(program + " (not on the PATH)");
  }
}
