package dev.agentmemory.cli.query;

import dev.agentmemory.cli.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.proto.TocNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code query root}: the year nodes, newest first. */
@Command(name = "root", mixinStandardHelpOptions = true, description = "List the year nodes of the TOC, newest first.")
public final class QueryRootCommand implements Callable<Integer> {
  @ParentCommand QueryCommand query;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Override
  public Integer call() {
    List<TocNode> years = query.ask(options, DaemonClient::getTocRoot).getNodesList();
    PrintWriter out = spec.commandLine().getOut();
    if (options.json()) {
      ObjectNode json = Json.object();
      json.set("nodes", TocFormat.json(years));
      Json.print(out, json);
    } else if (years.isEmpty()) {
      out.printf("No TOC nodes found in %s.%n", query.store().describe());
    } else {
      out.printf("Root TOC Nodes (%d found, %s):%n", years.size(), query.store().describe());
      years.forEach(year -> TocFormat.summaryLines(out, year));
    }
    return 0;
  }
}
