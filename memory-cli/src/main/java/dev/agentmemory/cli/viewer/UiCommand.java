package dev.agentmemory.cli.viewer;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.ProjectOption;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.daemon.lifecycle.DaemonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ui}: the running daemon's web viewer, opened in the browser with the daemon's token. */
@Command(name = "ui", mixinStandardHelpOptions = true,
    description = {"Open the memory in the web viewer the daemon serves on 127.0.0.1 (docs/viewer.md).",
        "The address carries the daemon's token once; the browser then keeps it in a cookie."})
public final class UiCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;
  @Mixin ProjectOption project;

  @Option(names = "--no-browser", description = "Print the address instead of opening a browser.")
  boolean noBrowser;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DaemonInfo info = root.context().runningDaemon().orElseThrow(() -> new CliException(
        "The memory daemon is not running, so there is no viewer: memory-daemon start", ExitCode.NOT_RUNNING));
    if (info.viewer().isEmpty()) {
      throw new CliException("The daemon serves no viewer: it is off (viewer.enabled = false, docs/configuration.md) "
          + "or the daemon is older than the viewer (memory-daemon stop && memory-daemon start)");
    }
    String token = DaemonToken.read(root.context().daemonFiles().tokenFile()).orElseThrow(() -> new CliException(
        "Cannot read the daemon's token in " + root.context().daemonFiles().tokenFile() + ": restart the daemon"));
    String name = project.forReading(root).project();
    String address = info.viewer() + "?token=" + encode(token) + (name.isEmpty() ? "" : "&project=" + encode(name));
    if (noBrowser || !opened(address)) {
      out.println(address);
      if (!noBrowser) {
        out.println("(no browser could be started here: open that address yourself)");
      }
    } else {
      out.println("Opened the viewer in your browser: " + info.viewer());
    }
    return 0;
  }

  private boolean opened(String address) {
    List<String> command = switch (root.context().platform().os()) {
      case MACOS -> List.of("open", address);
      case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler", address);
      case LINUX -> List.of("xdg-open", address);
    };
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
