package dev.agentmemory.cli.hooks;

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

/** {@code hooks uninstall}: remove exactly the entries install added. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove the memory hook from Claude Code's settings (nothing else).")
public final class HooksUninstallCommand implements Callable<Integer> {
  @ParentCommand HooksCommand hooks;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  HooksCommand.Target target;

  @Option(names = "--dry-run", description = "Print the settings file as it would be, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path file = HooksCommand.Target.settingsFile(target, hooks.root().context().platform().home());
    if (!Files.exists(file)) {
      out.printf("%s does not exist: nothing to remove.%n", file);
      return 0;
    }
    ClaudeSettings settings = ClaudeSettings.read(file);
    List<String> changed = settings.uninstall();
    if (dryRun) {
      out.printf("DRY RUN - %s would %s%n", file, changed.isEmpty() ? "not change" : "lose the hook for: " + String.join(", ", changed));
      out.print(settings.render());
      return 0;
    }
    if (changed.isEmpty()) {
      out.printf("The memory hook is not installed in %s (nothing changed).%n", file);
      return 0;
    }
    Path backup = settings.save();
    out.printf("Removed the memory hook from %s for: %s%n  Backup of the previous file: %s%n", file,
        String.join(", ", changed), backup);
    return 0;
  }
}
