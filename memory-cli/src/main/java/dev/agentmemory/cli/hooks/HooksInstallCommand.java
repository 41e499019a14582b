package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.SessionContext;
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

/**
 * {@code hooks install}: connect Claude Code to the memory. The hook entries go into a settings
 * file, the skill into its skills folder, the MCP server into {@code ~/.claude.json}; every file is
 * merged (all else kept, a backup first) and running it again changes nothing.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Connect Claude Code to the memory: the capture hook (which also gives a new session its project's "
          + "memory), the agent-memory skill and the agent-memory MCP server.",
      "Every other setting is kept; running it again changes nothing; each file it changes is backed up "
          + "first."
    })
public final class HooksInstallCommand implements Callable<Integer> {
  @ParentCommand HooksCommand hooks;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  HooksCommand.Target target;

  @Option(names = "--dry-run", description = "Print the settings file as it would be, change nothing.")
  boolean dryRun;

  @Option(names = "--command", paramLabel = "CMD", description = "The hook command (default: this installation's `memory-daemon hook`).")
  String command;

  @Option(names = "--no-context", description = "Do not print the project's memory when a session starts.")
  boolean noContext;

  @Option(names = "--no-skill", description = "Do not install the agent-memory skill.")
  boolean noSkill;

  @Option(names = "--no-mcp", description = "Do not register the agent-memory MCP server in ~/.claude.json.")
  boolean noMcp;

  @Option(names = "--agent", paramLabel = "NAME", defaultValue = "claude",
      description = "Which agent: claude (default), codex, gemini, copilot or opencode (see docs/agents.md for the files each gets).")
  String agent;

  @Option(names = "--all-agents", description = "Every agent found on this machine (its directory exists).")
  boolean allAgents;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Platform platform = hooks.root().context().platform();
    Path file = HooksCommand.Target.settingsFile(target, platform.home());
    String hookCommand = (command != null ? command : Launcher.hookCommand(platform))
        + (noContext ? " " + SessionContext.NO_CONTEXT : "");
    if (dryRun && (allAgents || !agent.trim().equalsIgnoreCase("claude"))) {
      throw new CliException("--dry-run shows Claude Code's settings only; leave out --agent/--all-agents",
          ExitCode.USAGE);
    }
    if (command == null) {
      Launcher.inBuildTree(platform).ifPresent(warning -> spec.commandLine().getErr().println(warning));
    }
    if (dryRun) {
      ClaudeSettings settings = ClaudeSettings.read(file);
      List<String> changed = settings.install(hookCommand);
      out.printf("DRY RUN - %s would %s%n", file, changed.isEmpty() ? "not change" : "get the hook for: " + String.join(", ", changed));
      out.print(settings.render());
      return 0;
    }
    if (allAgents) {
      Path claude = HooksCommand.Target.base(target, platform.home()).resolve(".claude");
      out.println("== Claude Code");
      // like the other agents: a project's folder may not exist yet, the user's must
      if (Files.isDirectory(HooksCommand.Target.project(target).isPresent() ? claude.getParent() : claude)) {
        installClaude(out, platform, file, hookCommand);
      } else {
        out.printf("Not found (%s does not exist): skipped.%n", claude);
      }
      for (String name : AgentSetup.NAMES) {
        AgentSetup setup = AgentSetup.of(name, platform, HooksCommand.Target.project(target)).orElseThrow();
        out.println("== " + setup.title());
        if (setup.found()) {
          setup.install(out, hookCommand, Launcher.command(platform), !noSkill, !noMcp);
        } else {
          out.printf("Not found (%s does not exist): skipped.%n", setup.dir());
        }
      }
    } else {
      Optional<AgentSetup> setup = AgentSetup.of(agent, platform, HooksCommand.Target.project(target));
      if (setup.isPresent()) {
        setup.get().install(out, hookCommand, Launcher.command(platform), !noSkill, !noMcp);
      } else {
        installClaude(out, platform, file, hookCommand);
      }
    }
    Launcher.recordClassDataArchive(out);
    if (!Files.exists(platform.pidFile())) {
      out.println("Note: the daemon is not running; events wait in the spool until `memory-daemon start`.");
    }
    return 0;
  }

  /** Claude Code's hook, skill and MCP server. */
  private void installClaude(PrintWriter out, Platform platform, Path file, String hookCommand) {
    ClaudeSettings settings = ClaudeSettings.read(file);
    List<String> changed = settings.install(hookCommand);
    if (changed.isEmpty()) {
      out.printf("Hook: already installed in %s (nothing changed).%n", file);
    } else {
      Optional<Path> backup = settings.save();
      out.printf("Hook: installed in %s for: %s%n", file, String.join(", ", changed));
      backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
    }
    out.printf("  Hook command: %s%n", hookCommand);
    out.println(noContext ? "  Session start: no memory is printed (--no-context)"
        : "  Session start: the project's recent memory is added to the session (see docs/agents.md)");
    if (!noSkill) {
      AgentSkill skill = AgentSkill.claude(HooksCommand.Target.base(target, platform.home()));
      out.printf("Skill: %s %s%n", skill.install(Launcher.command(platform)) ? "installed" : "already installed",
          skill.file());
    }
    if (!noMcp) {
      ClaudeMcpServers mcp = ClaudeMcpServers.read(platform.home(), HooksCommand.Target.project(target));
      if (mcp.install(Launcher.path(platform))) {
        Optional<Path> backup = mcp.save();
        out.printf("MCP server: %s registered in %s (%s)%n", ClaudeMcpServers.NAME, mcp.path(), mcp.scope());
        backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
      } else {
        out.printf("MCP server: %s already registered in %s (%s)%n", ClaudeMcpServers.NAME, mcp.path(), mcp.scope());
      }
    }
  }
}
