package dev.agentmemory.cli.hooks;

import dev.agentmemory.hook.Platform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hooks install}: merge our hook entries into a Claude Code settings file. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Add the memory hook to Claude Code's settings (every other setting is kept; running it again changes",
      "nothing; the original is backed up first). Also records the hook's class-data archive for a fast start."
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Platform platform = hooks.root().context().platform();
    Path file = HooksCommand.Target.settingsFile(target, platform.home());
    String hookCommand = command != null ? command : Launcher.hookCommand(platform);
    ClaudeSettings settings = ClaudeSettings.read(file);
    List<String> changed = settings.install(hookCommand);
    if (dryRun) {
      out.printf("DRY RUN - %s would %s%n", file, changed.isEmpty() ? "not change" : "get the hook for: " + String.join(", ", changed));
      out.print(settings.render());
      return 0;
    }
    if (changed.isEmpty()) {
      out.printf("The memory hook is already installed in %s (nothing changed).%n", file);
    } else {
      Path backup = settings.save();
      out.printf("Installed the memory hook in %s for: %s%n", file, String.join(", ", changed));
      if (backup != null) {
        out.printf("  Backup of the previous file: %s%n", backup);
      }
    }
    out.printf("  Hook command: %s%n", hookCommand);
    Launcher.recordClassDataArchive(out);
    if (!Files.exists(platform.pidFile())) {
      out.println("Note: the daemon is not running; events wait in the spool until `memory-daemon start`.");
    }
    return 0;
  }
}
