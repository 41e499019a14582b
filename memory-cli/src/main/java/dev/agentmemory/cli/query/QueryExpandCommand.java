package dev.agentmemory.cli.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.event.Ulids;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.ExpandEventRequest;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.toc.TocQuery;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code query expand GRIP_ID|EVENT_ID}: the events a grip cites (or one event), with context from their session. */
@Command(name = "expand", mixinStandardHelpOptions = true,
    description = "Show the events a grip cites, or one event (a search hit), with events before and after it in the same session.")
public final class QueryExpandCommand implements Callable<Integer> {
  @ParentCommand QueryCommand query;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Parameters(paramLabel = "GRIP_ID|EVENT_ID", description = "For example grip:1769860800000:01JK... or an event id (ULID).")
  String gripId;

  @Option(names = "--before", paramLabel = "N", defaultValue = "3", description = "Events before (default: ${DEFAULT-VALUE}, at most 100).")
  int before;

  @Option(names = "--after", paramLabel = "N", defaultValue = "3", description = "Events after (default: ${DEFAULT-VALUE}, at most 100).")
  int after;

  @Override
  public Integer call() {
    Usage.requireRange(spec, "--before", before, 0, TocQuery.MAX_CONTEXT);
    Usage.requireRange(spec, "--after", after, 0, TocQuery.MAX_CONTEXT);
    boolean event = !gripId.trim().startsWith("grip:") && Ulids.isValid(gripId.trim());
    ExpandGripResponse response = event
        ? query.ask(options, client -> client.expandEvent(ExpandEventRequest.newBuilder()
            .setEventId(gripId.trim()).setEventsBefore(before).setEventsAfter(after).build()))
        : query.ask(options, client -> client.expandGrip(
            ExpandGripRequest.newBuilder().setGripId(gripId).setEventsBefore(before).setEventsAfter(after).build()));
    if (!event && !response.hasGrip()) {
      throw new CliException("Grip not found in " + query.store().describe() + ": " + gripId
          + " (grip ids are listed under a node's bullets: `memory-daemon query node ID`; another project's with "
          + "--project NAME)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (options.json()) {
      ObjectNode json = Json.object();
      if (response.hasGrip()) {
        json.set("grip", TocFormat.json(response.getGrip()));
      }
      json.set("events_before", EventFormat.json(response.getEventsBeforeList()));
      json.set("excerpt_events", EventFormat.json(response.getExcerptEventsList()));
      json.set("events_after", EventFormat.json(response.getEventsAfterList()));
      Json.print(out, json);
      return 0;
    }
    ZoneId zone = query.root().zone();
    if (response.hasGrip()) {
      out.printf("Grip: %s%nExcerpt: %s%nSource: %s%nTime: %s%n", response.getGrip().getGripId(), response.getGrip().getExcerpt(),
          response.getGrip().getSource(), EventFormat.time(response.getGrip().getTimestampMs(), zone));
    }
    section(out, "Events Before", response.getEventsBeforeList(), zone, false);
    section(out, "Excerpt Events", response.getExcerptEventsList(), zone, true);
    section(out, "Events After", response.getEventsAfterList(), zone, false);
    return 0;
  }

  /** @param whole the events' whole texts (the cited ones), else a line each (their context) */
  private static void section(PrintWriter out, String title, List<Event> events, ZoneId zone, boolean whole) {
    out.printf("%n=== %s (%d) ===%n", title, events.size());
    events.forEach(event -> out.println(whole ? EventFormat.whole(event, zone) : EventFormat.line(event, zone)));
  }
}
