package dev.agentmemory.cli.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code query events}: events whose source time lies in [from, to], oldest first. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "List events whose source time lies in [--from, --to] (both inclusive), oldest first.")
public final class QueryEventsCommand implements Callable<Integer> {
  @ParentCommand QueryCommand query;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      defaultValue = "0",
      description = "Start: epoch ms, YYYY-MM-DD or ISO date-time (default: the beginning).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "End: epoch ms, YYYY-MM-DD (whole day) or ISO date-time (default: now).")
  String to;

  @Option(
      names = {"-l", "--limit"},
      paramLabel = "N",
      defaultValue = "50",
      description = "Most events to show (default: ${DEFAULT-VALUE}, at most 1000).")
  int limit;

  @Option(names = "--agent", paramLabel = "NAME", defaultValue = "",
      description = "Only events of this agent: claude, codex, gemini, copilot, opencode.")
  String agent;

  @Option(names = "--session", paramLabel = "ID", defaultValue = "", description = "Only events of this session.")
  String session;

  @Override
  public Integer call() throws Exception {
    Usage.requireRange(spec, "--limit", limit, 1, EventService.MAX_LIMIT);
    ZoneId zone = query.root().zone();
    long fromMs = TimeArgument.parse("--from", from, zone, false);
    long toMs = to == null ? System.currentTimeMillis() : TimeArgument.parse("--to", to, zone, true);
    if (toMs < fromMs) {
      // a usage error like search's --since/--until, before anything is asked of the daemon
      throw new CliException((to == null ? "--from is in the future" : "--to must not be before --from")
          + " (from " + from + (to == null ? "" : " to " + to) + ")", ExitCode.USAGE);
    }
    GetEventsRequest request =
        GetEventsRequest.newBuilder().setFromTimestampMs(fromMs).setToTimestampMs(toMs).setLimit(limit)
            .setAgent(agent.trim()).setSessionId(session.trim()).build();
    GetEventsResponse response = query.ask(options, client -> client.getEvents(request));
    PrintWriter out = spec.commandLine().getOut();
    if (options.json()) {
      ObjectNode json = Json.object();
      json.set("events", EventFormat.json(response.getEventsList()));
      json.put("has_more", response.getHasMore());
      Json.print(out, json);
      return 0;
    }
    if (response.getEventsCount() == 0) {
      out.printf("No events found in time range in %s.%n", stores());
      return 0;
    }
    out.printf("Events (%d found, %s):%n", response.getEventsCount(), stores());
    for (Event event : response.getEventsList()) {
      out.println(EventFormat.line(event, zone));
    }
    if (response.getHasMore()) {
      out.println("More events available. Increase --limit or narrow --from/--to to see more.");
    }
    return 0;
  }

  /** Where the events come from: without a project the daemon merges every store's. */
  private String stores() {
    return query.store().project().isEmpty() ? "every store" : query.store().describe();
  }
}
