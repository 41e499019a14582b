package dev.agentmemory.cli.service;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code service install|uninstall|status}: run the daemon at login under the user's service manager. */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = {
      "Run the daemon at login and restart it when it fails (systemd on Linux, launchd on macOS).",
      "Install writes a systemd user unit (~/.config/systemd/user/memory-daemon.service) or a launchd agent "
          + "(~/Library/LaunchAgents/dev.agentmemory.daemon.plist) running `start --foreground`, and prints the "
          + "command that enables it; uninstall removes exactly that file; status says whether it is there."
    })
public final class ServiceCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ACTION", description = "install, uninstall or status.")
  Action action;

  enum Action { install, uninstall, status }

  @Option(names = "--dry-run", description = "Print what install or uninstall would write or remove, and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    Platform platform = root.context().platform();
    String launcher = platform.env().getOrDefault("MEMORY_DAEMON_LAUNCHER", "");
    if (launcher.isBlank() && action == Action.install) {
      throw new CliException("Run this through the installed launcher (bin/memory-daemon), so the service knows what to start");
    }
    ServiceUnit unit;
    try {
      unit = ServiceUnit.of(platform, launcher);
    } catch (UnsupportedOperationException e) {
      throw new CliException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean ours = Files.isRegularFile(unit.file()) && Files.readString(unit.file()).contains(ServiceUnit.MARK);
    switch (action) {
      case install -> {
        if (Files.exists(unit.file()) && !ours) {
          throw new CliException(unit.file() + " exists and was not written by memory-daemon; move it aside first");
        }
        if (dryRun) {
          out.printf("DRY RUN - would write %s:%n%s%n", unit.file(), unit.text().stripTrailing());
          return 0;
        }
        Files.createDirectories(unit.file().getParent());
        Files.writeString(unit.file(), unit.text());
        out.printf("Wrote %s (runs %s start --foreground, restarts it on failure).%n", unit.file(), launcher);
        out.println("Enable and start it now with:");
        unit.enable().forEach(command -> out.printf("  %s%n", command));
        out.println("Stop the daemon first if it runs outside the service: memory-daemon stop");
      }
      case uninstall -> {
        if (!ours) {
          out.printf("No service file of memory-daemon at %s (nothing removed).%n", unit.file());
          return 0;
        }
        if (unit.enabledMark().filter(Files::exists).isPresent()) {
          throw new CliException("The service is enabled; disable it first, then run uninstall again:\n  "
              + String.join("\n  ", unit.disable()));
        }
        if (dryRun) {
          out.printf("DRY RUN - would remove %s.%n", unit.file());
          return 0;
        }
        Files.delete(unit.file());
        out.printf("Removed %s.%n", unit.file());
        if (unit.enabledMark().isEmpty()) {
          out.println("If it was loaded, also run:");
          unit.disable().forEach(command -> out.printf("  %s%n", command));
        }
      }
      case status -> out.printf("%s: %s%n", unit.file(), ours ? "installed" : "not installed");
    }
    return 0;
  }
}
