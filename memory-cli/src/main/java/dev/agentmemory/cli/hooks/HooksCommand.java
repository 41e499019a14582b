package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.MemoryDaemonCommand;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hooks}: install, remove and inspect the Claude Code hooks that capture conversations. */
@Command(
    name = "hooks",
    mixinStandardHelpOptions = true,
    description = "Install, remove or inspect what connects a coding agent (Claude Code, Codex CLI, Gemini CLI, Copilot CLI, "
        + "OpenCode) to the memory: the hooks that capture conversations (and give a new session its project's memory), "
        + "the agent-memory skill and the MCP server.",
    subcommands = {HooksInstallCommand.class, HooksUninstallCommand.class, HooksStatusCommand.class})
public final class HooksCommand {
  @ParentCommand MemoryDaemonCommand root;

  MemoryDaemonCommand root() {
    return root;
  }

  /** Which settings file: the user's (default) or a project's. */
  static final class Target {
    @Option(names = "--user", description = "~/.claude/settings.json (the default).")
    boolean user;

    @Option(names = "--project", paramLabel = "DIR", description = "DIR/.claude/settings.json.")
    Path project;

    static Path settingsFile(Target target, Path home) {
      return base(target, home).resolve(".claude").resolve("settings.json");
    }

    /** The directory holding {@code .claude/}: the project's, or the home directory. */
    static Path base(Target target, Path home) {
      return project(target).orElse(home);
    }

    /** The project directory of {@code --project}, absolute; empty for the user's settings. */
    static Optional<Path> project(Target target) {
      return target == null || target.project == null ? Optional.empty()
          : Optional.of(target.project.toAbsolutePath().normalize());
    }
  }
}
