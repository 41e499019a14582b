package dev.agentmemory.cli.query;

import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.proto.GetNodeResponse;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code query node NODE_ID}: one node in full. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Show one TOC node: summary, bullets with grips, keywords, children.")
public final class QueryNodeCommand implements Callable<Integer> {
  @ParentCommand QueryCommand query;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Parameters(paramLabel = "NODE_ID", description = "For example toc:day:2026-01-31.")
  String nodeId;

  @Override
  public Integer call() {
    GetNodeResponse response = query.ask(options, client -> client.getNode(nodeId));
    if (!response.hasNode()) {
      throw new CliException("Node not found in " + query.store().describe() + ": " + nodeId
          + " (list what exists with `memory-daemon query root`; another project's with --project NAME)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (options.json()) {
      Json.print(out, TocFormat.json(response.getNode()));
    } else {
      TocFormat.details(out, response.getNode(), query.root().zone());
    }
    return 0;
  }
}
