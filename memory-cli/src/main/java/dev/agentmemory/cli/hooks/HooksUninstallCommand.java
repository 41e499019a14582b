package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.hook.Platform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hooks uninstall}: remove exactly what install added: hook entries, skill, MCP entry. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = "Remove the memory hook, the agent-memory skill and the agent-memory MCP server from Claude Code (nothing else).")
public final class HooksUninstallCommand implements Callable<Integer> {
  @ParentCommand HooksCommand hooks;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  HooksCommand.Target target;

  @Option(names = "--dry-run", description = "Print the settings file as it would be, change nothing.")
  boolean dryRun;

  @Option(names = "--agent", paramLabel = "NAME", defaultValue = "claude",
      description = "Which agent: claude (default), codex, gemini, copilot or opencode.")
  String agent;

  @Option(names = "--all-agents", description = "Every agent (Claude Code included).")
  boolean allAgents;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Platform platform = hooks.root().context().platform();
    if (dryRun && (allAgents || !agent.trim().equalsIgnoreCase("claude"))) {
      throw new CliException("--dry-run shows Claude Code's settings only; leave out --agent/--all-agents",
          ExitCode.USAGE);
    }
    if (allAgents) {
      out.println("== Claude Code");
      uninstallClaude(out, platform);
      for (String name : AgentSetup.NAMES) {
        AgentSetup setup = AgentSetup.of(name, platform, HooksCommand.Target.project(target)).orElseThrow();
        out.println("== " + setup.title());
        setup.uninstall(out);
      }
      return 0;
    }
    Optional<AgentSetup> setup = AgentSetup.of(agent, platform, HooksCommand.Target.project(target));
    if (setup.isPresent()) {
      setup.get().uninstall(out);
    } else {
      uninstallClaude(out, platform);
    }
    return 0;
  }

  private void uninstallClaude(PrintWriter out, Platform platform) {
    Path file = HooksCommand.Target.settingsFile(target, platform.home());
    ClaudeSettings settings = ClaudeSettings.read(file);
    List<String> changed = Files.exists(file) ? settings.uninstall() : List.of();
    if (dryRun) {
      out.printf("DRY RUN - %s would %s%n", file, changed.isEmpty() ? "not change" : "lose the hook for: " + String.join(", ", changed));
      out.print(settings.render());
      return;
    }
    if (changed.isEmpty()) {
      out.printf("Hook: not installed in %s (nothing changed).%n", file);
    } else {
      Optional<Path> backup = settings.save();
      out.printf("Hook: removed from %s for: %s%n", file, String.join(", ", changed));
      backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
    }
    AgentSkill skill = AgentSkill.claude(HooksCommand.Target.base(target, platform.home()));
    out.printf("Skill: %s %s%n", skill.uninstall() ? "removed" : "not installed at", skill.file());
    ClaudeMcpServers mcp = ClaudeMcpServers.read(platform.home(), HooksCommand.Target.project(target));
    if (mcp.uninstall()) {
      Optional<Path> backup = mcp.save();
      out.printf("MCP server: %s removed from %s (%s)%n", ClaudeMcpServers.NAME, mcp.path(), mcp.scope());
      backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
    } else {
      out.printf("MCP server: %s not registered in %s (%s)%n", ClaudeMcpServers.NAME, mcp.path(), mcp.scope());
    }
  }
}
