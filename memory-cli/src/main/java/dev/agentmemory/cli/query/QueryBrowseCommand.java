package dev.agentmemory.cli.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.toc.TocQuery;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code query browse PARENT_ID}: a page of children, oldest first. */
@Command(name = "browse", mixinStandardHelpOptions = true, description = "List the children of a TOC node, oldest first, a page at a time.")
public final class QueryBrowseCommand implements Callable<Integer> {
  @ParentCommand QueryCommand query;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Parameters(paramLabel = "PARENT_ID", description = "For example toc:month:2026:01.")
  String parentId;

  @Option(names = {"-l", "--limit"}, paramLabel = "N", defaultValue = "20", description = "Children per page (default: ${DEFAULT-VALUE}, at most 500).")
  int limit;

  @Option(names = {"-t", "--token"}, paramLabel = "T", description = "Continuation token printed by the previous page.")
  String token;

  @Override
  public Integer call() {
    Usage.requireRange(spec, "--limit", limit, 1, TocQuery.MAX_PAGE);
    BrowseTocRequest.Builder request = BrowseTocRequest.newBuilder().setParentId(parentId).setLimit(limit);
    if (token != null) {
      request.setContinuationToken(token);
    }
    BrowseTocResponse response = query.ask(options, client -> client.browseToc(request.build()));
    PrintWriter out = spec.commandLine().getOut();
    if (options.json()) {
      ObjectNode json = Json.object();
      json.set("children", TocFormat.json(response.getChildrenList()));
      json.put("has_more", response.getHasMore());
      if (response.hasContinuationToken()) {
        json.put("continuation_token", response.getContinuationToken());
      }
      Json.print(out, json);
      return 0;
    }
    if (response.getChildrenCount() == 0) {
      out.printf("No children found for: %s (in %s)%n", parentId, query.store().describe());
      return 0;
    }
    out.printf("Children of %s (%d found, %s):%n", parentId, response.getChildrenCount(), query.store().describe());
    response.getChildrenList().forEach(child -> TocFormat.summaryLines(out, child));
    if (response.getHasMore()) {
      out.printf("More results available. Use --token %s%n", response.getContinuationToken());
    }
    return 0;
  }
}
