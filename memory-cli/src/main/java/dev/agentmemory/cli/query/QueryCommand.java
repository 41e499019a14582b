package dev.agentmemory.cli.query;

import dev.agentmemory.cli.MemoryDaemonCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code query}: read from a running daemon. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = "Query the running memory daemon.",
    subcommands = {
      QueryEventsCommand.class,
      QueryRootCommand.class,
      QueryNodeCommand.class,
      QueryBrowseCommand.class,
      QueryExpandCommand.class
    })
public final class QueryCommand {
  @ParentCommand MemoryDaemonCommand root;

  MemoryDaemonCommand root() {
    return root;
  }
}
