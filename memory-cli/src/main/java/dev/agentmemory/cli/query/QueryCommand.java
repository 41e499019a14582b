package dev.agentmemory.cli.query;

import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.ProjectOption;
import dev.agentmemory.cli.client.DaemonClient;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin ProjectOption project;
  private ProjectOption.Choice store;

  MemoryDaemonCommand root() {
    return root;
  }

  /** The store the command reads (chosen once): named, this directory's project, or the default. */
  ProjectOption.Choice store() {
    if (store == null) {
      store = project.forReading(root);
    }
    return store;
  }

  /** Makes one call to the daemon, in the chosen store. */
  <T> T ask(DaemonOptions options, Function<DaemonClient, T> call) {
    String name = store().project();
    return options.ask(root, client -> call.apply(client.inProject(name)));
  }
}
