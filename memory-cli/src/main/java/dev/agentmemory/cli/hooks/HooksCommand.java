package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.MemoryDaemonCommand;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hooks}: install, remove and inspect the Claude Code hooks that capture conversations. */
@Command(
    name = "hooks",
    mixinStandardHelpOptions = true,
    description = "Install, remove or inspect the Claude Code hooks that capture conversations.",
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
      if (target != null && target.project != null) {
        return target.project.toAbsolutePath().normalize().resolve(".claude").resolve("settings.json");
      }
      return home.resolve(".claude").resolve("settings.json");
    }
  }

  /** Options shared by install and uninstall. */
  static final class Where {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;
  }
}
