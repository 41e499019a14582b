package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.Main;
import dev.agentmemory.cli.MemoryDaemonCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Runs the common client commands once, against the running daemon, discarding their output. The
 * build runs it with {@code -XX:ArchiveClassesAtExit} to record lib/cli.jsa, the class-data
 * archive that makes every later command start faster; so it must load what they load.
 */
@Command(name = "warm-up", hidden = true, description = "Run the common commands once (records the CLI's class-data archive).")
public final class WarmUpCommand implements Callable<Integer> {
  private static final List<List<String>> COMMANDS = List.of(
      List.of("status"),
      List.of("query", "root"),
      List.of("query", "root", "--json"),
      List.of("query", "events", "--limit", "5"),
      List.of("query", "events", "--limit", "5", "--json"),
      List.of("query", "browse", "toc:year:2026"),
      List.of("query", "node", "toc:year:2026", "--json"),
      List.of("admin", "stats"),
      List.of("admin", "stats", "--json"),
      List.of("scheduler", "status"),
      List.of("no-such-command"),
      List.of("--version"));

  @ParentCommand MemoryDaemonCommand root;

  @Override
  public Integer call() {
    for (List<String> command : COMMANDS) {
      Main.execute(command.toArray(String[]::new), root.context(), new PrintWriter(new StringWriter()),
          new PrintWriter(new StringWriter()));
    }
    return 0;
  }
}
