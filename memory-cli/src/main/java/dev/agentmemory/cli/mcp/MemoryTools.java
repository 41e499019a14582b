package dev.agentmemory.cli.mcp;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Count;
import dev.agentmemory.cli.SearchReport;
import dev.agentmemory.cli.SearchRequests;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.cli.client.RemoteOperations;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.event.Ulids;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.ExpandEventRequest;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.SearchHit;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TocBullet;
import dev.agentmemory.proto.TocNode;
import dev.agentmemory.toc.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the MCP tools do, as compact text for a model: every answer names the ids that drill down
 * further and stays within {@link #MAX_CHARS}. Calls go to the running daemon in the session's
 * project; {@link Daemon} says how to reach it (or why it cannot be reached).
 */
final class MemoryTools {
  /** An answer's size limit (about 3,000 tokens). */
  static final int MAX_CHARS = 12_000;
  private static final int SNIPPET_CHARS = 300;
  private static final int EVENT_CHARS = 1_500;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** The running daemon, in the session's project. */
  interface Daemon {
    /** Makes calls through a client of the session's project (or of every project). */
    <T> T call(Function<DaemonClient, T> calls);

    /** The same, through a client of no particular project when {@code allProjects}. */
    <T> T call(boolean allProjects, Function<DaemonClient, T> calls);

    String project();

    ZoneId zone();

    /** Today in the TOC's time zone. */
    LocalDate today();
  }

  private final Daemon daemon;

  MemoryTools(Daemon daemon) {
    this.daemon = daemon;
  }

  /** {@code memory_search}. */
  String search(String query, Optional<String> since, Optional<String> until, int limit, String mode,
      boolean allProjects, Optional<String> agent) {
    long from = since.map(day -> startOf(day, "since")).orElse(0L);
    long to = until.map(day -> startOf(day, "until") + 86_400_000L).orElse(0L);
    SearchRequest.Builder request = SearchRequests.of(query, mode, "event", limit, allProjects, from, to, agent.orElse(""));
    SearchResponse response = daemon.call(allProjects, client -> client.search(request.build()));
    SearchReport report = new SearchReport(response, allProjects ? "all projects" : "project " + daemon.project(), agent,
        daemon.zone());
    if (response.getHitsCount() == 0) {
      return report.nothingFound(Optional.of(query)) + " Try other words, mode \"bm25\" for exact identifiers or error messages"
          + (allProjects ? "" : ", or all_projects: true") + ".";
    }
    Answer answer = new Answer(Count.of(response.getHitsCount(), "result") + " for \"" + query + "\" (" + report.how()
        + "), best first; score: how strongly each matches, 0 to 1, the same scale in every search:");
    int rank = 1;
    for (SearchHit hit : response.getHitsList()) {
      StringBuilder entry = new StringBuilder().append(rank++).append(". ").append(when(hit.getTimestampMs())).append(" · ")
          .append(hit.getDocType().equals("event") ? role(hit) : hit.getDocType())
          .append(allProjects && !hit.getProject().isEmpty() ? " · project " + hit.getProject() : "")
          .append("\n   ").append(shorten(hit.getSnippet(), SNIPPET_CHARS));
      List<String> ids = new ArrayList<>();
      if (hit.getDocType().equals("event")) {
        ids.add("event_id " + hit.getDocId());
      }
      hit.getGripIdsList().stream().limit(2).forEach(grip -> ids.add("grip_id " + grip));
      if (!hit.getNodeId().isEmpty()) {
        ids.add("node_id " + hit.getNodeId());
      }
      entry.append("\n   ").append(String.join(" · ", ids));
      if (!answer.add(entry.toString())) {
        break;
      }
    }
    return answer.end("Read more: memory_expand {grip_id or event_id}; memory_browse {node_id}.");
  }

  /**
   * {@code memory_forget}: what would be forgotten of this project's memory, or with {@code confirm}
   * forgets it for good (the same forget as {@code admin forget}: audited, spool and session-start
   * memory included).
   */
  String forget(Optional<String> session, Optional<String> event, Optional<String> before, boolean confirm) {
    Forgetting.Selection what = Forgetting.Selection.of(session.orElse(""), event.orElse(""),
        before.map(day -> startOf(day, "before")).orElse(0L));
    // not closed here: the client is the call's, closed by it
    Forgetting.Result result = daemon.call(client -> new RemoteOperations(client).forget(daemon.project(),
        Optional.of(what), !confirm));
    String span = result.sessions() == 0 ? "" : " of " + Count.of(result.sessions(), "session") + " ("
        + when(result.firstMs()) + " to " + when(result.lastMs()) + ")";
    if (!confirm) {
      return "Would forget " + what.describe() + " in project " + daemon.project() + ": " + result.events() + " events"
          + span + ". Nothing was removed. Forgetting cannot be undone: call memory_forget again with confirm: true "
          + "only if the user asked to forget this.";
    }
    return "Forgot " + result.events() + " events" + span + " in project " + daemon.project()
        + (result.spooled() == 0 ? "" : " and " + result.spooled() + " waiting in the spool") + ". Audit: "
        + result.audit() + ". Backups made before still hold them.";
  }

  /** {@code memory_recent}: the segments of the last {@code days} days, newest first. */
  String recent(int days) {
    LocalDate today = daemon.today();
    Answer answer = new Answer("Project " + daemon.project() + ", the last " + days + " day" + (days == 1 ? "" : "s")
        + " (newest first):");
    boolean any = false;
    for (int back = 0; back < days; back++) {
      String dayId = Period.dayId(today.minusDays(back));
      List<TocNode> segments = new ArrayList<>(daemon.call(client -> browse(client, dayId)));
      if (segments.isEmpty()) {
        continue;
      }
      any = true;
      segments.sort((a, b) -> Long.compare(b.getStartTimeMs(), a.getStartTimeMs()));
      StringBuilder entry = new StringBuilder(DAY.format(today.minusDays(back))).append(" · node_id ").append(dayId);
      for (TocNode segment : segments) {
        entry.append("\n- ").append(time(segment.getStartTimeMs())).append('-').append(time(segment.getEndTimeMs()))
            .append(' ').append(segment.getTitle()).append(" · node_id ").append(segment.getNodeId());
        if (segment.getBulletsCount() > 0) {
          entry.append("\n  ").append(shorten(segment.getBullets(0).getText(), 200));
        }
      }
      if (!answer.add(entry.toString())) {
        break;
      }
    }
    if (!any) {
      return "Nothing was captured in project " + daemon.project() + " in the last " + days + " days. "
          + "memory_search finds older things; memory_browse shows the whole table of contents.";
    }
    return answer.end("Read a stretch: memory_browse {node_id}.");
  }

  /** {@code memory_browse}: a node with its bullets and children, or the years at the top. */
  String browse(Optional<String> nodeId) {
    if (nodeId.isEmpty()) {
      List<TocNode> years = daemon.call(client -> client.getTocRoot().getNodesList());
      if (years.isEmpty()) {
        return "The memory of project " + daemon.project() + " is empty.";
      }
      Answer answer = new Answer("Table of contents of project " + daemon.project() + ":");
      years.forEach(year -> answer.add("- " + year.getTitle() + " · node_id " + year.getNodeId()));
      return answer.end("Go down: memory_browse {node_id}; days have ids like toc:day:2026-11-24.");
    }
    Optional<TocNode> found = daemon.call(client -> {
      var response = client.getNode(nodeId.get());
      return response.hasNode() ? Optional.of(response.getNode()) : Optional.<TocNode>empty();
    });
    if (found.isEmpty()) {
      // an error, not an answer: the agent asked for something that is not there
      throw new CliException("No node " + nodeId.get() + " in project " + daemon.project()
          + ". Ids look like toc:day:2026-11-24 or toc:segment:2026-11-24:01JK...; memory_browse {} lists the years.");
    }
    TocNode node = found.get();
    Answer answer = new Answer(node.getTitle() + " · " + when(node.getStartTimeMs()) + " to " + when(node.getEndTimeMs())
        + " · node_id " + node.getNodeId());
    if (node.hasSummary() && !node.getSummary().isBlank()) {
      answer.add(shorten(node.getSummary(), 1_000));
    }
    for (TocBullet bullet : node.getBulletsList()) {
      answer.add("- " + bullet.getText() + (bullet.getGripIdsCount() == 0 ? "" : " · grip_id " + bullet.getGripIds(0)));
    }
    if (node.getKeywordsCount() > 0) {
      answer.add("Keywords: " + String.join(", ", node.getKeywordsList()));
    }
    List<TocNode> children = daemon.call(client -> browse(client, node.getNodeId()));
    if (!children.isEmpty()) {
      answer.add("Contains:");
      for (TocNode child : children) {
        if (!answer.add("- " + child.getTitle() + " · node_id " + child.getNodeId())) {
          break;
        }
      }
    }
    return answer.end("Evidence: memory_expand {grip_id}.");
  }

  /** {@code memory_expand}: a grip's events, or an event, with what was said around them. */
  String expand(Optional<String> gripId, Optional<String> eventId, int before, int after) {
    if (gripId.isPresent()) {
      ExpandGripResponse response = daemon.call(client -> client.expandGrip(ExpandGripRequest.newBuilder()
          .setGripId(gripId.get()).setEventsBefore(before).setEventsAfter(after).build()));
      if (!response.hasGrip()) {
        throw new CliException("No grip " + gripId.get() + " in project " + daemon.project() + ". Grip ids come from "
            + "memory_search and memory_browse (grip:<13 digits>:<ULID>).");
      }
      Answer answer = new Answer("Grip " + gripId.get() + " (" + when(response.getGrip().getTimestampMs()) + "):");
      response.getEventsBeforeList().forEach(event -> answer.add(line(event, "  ")));
      response.getExcerptEventsList().forEach(event -> answer.add(line(event, "> ")));
      response.getEventsAfterList().forEach(event -> answer.add(line(event, "  ")));
      return answer.end("Lines marked > are the cited ones.");
    }
    String id = eventId.orElseThrow();
    if (!Ulids.isValid(id)) {
      throw new IllegalArgumentException("event_id must be a ULID (26 characters) from memory_search, not '" + id + "'");
    }
    ExpandGripResponse response = daemon.call(client -> client.expandEvent(ExpandEventRequest.newBuilder()
        .setEventId(id).setEventsBefore(before).setEventsAfter(after).build()));
    Event event = response.getExcerptEvents(0);
    Answer answer = new Answer("Event " + event.getEventId() + " (" + when(event.getTimestampMs()) + ", session "
        + event.getSessionId() + "):");
    response.getEventsBeforeList().forEach(earlier -> answer.add(line(earlier, "  ")));
    answer.add(line(event, "> "));
    response.getEventsAfterList().forEach(later -> answer.add(line(later, "  ")));
    return answer.end("The line marked > is the event asked for.");
  }

  private static List<TocNode> browse(DaemonClient client, String parentId) {
    if (!client.getNode(parentId).hasNode()) {
      return List.of();
    }
    BrowseTocResponse page = client.browseToc(BrowseTocRequest.newBuilder().setParentId(parentId).setLimit(50).build());
    return page.getChildrenList();
  }

  private long startOf(String day, String field) {
    try {
      return LocalDate.parse(day.trim()).atStartOfDay(daemon.zone()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a date like 2026-11-24, not '" + day + "'");
    }
  }

  private String line(Event event, String mark) {
    String who = event.getRole().name().replace("EVENT_ROLE_", "").toLowerCase(Locale.ROOT);
    String tool = event.getMetadataOrDefault("tool_name", "");
    return mark + "[" + SECONDS.format(Instant.ofEpochMilli(event.getTimestampMs()).atZone(daemon.zone())) + "] " + who
        + (tool.isEmpty() ? "" : " " + tool) + ": " + shorten(event.getText(), EVENT_CHARS) + " (event_id " + event.getEventId() + ")";
  }

  private String when(long epochMs) {
    return WHEN.format(Instant.ofEpochMilli(epochMs).atZone(daemon.zone()));
  }

  private String time(long epochMs) {
    return TIME.format(Instant.ofEpochMilli(epochMs).atZone(daemon.zone()));
  }

  /** "user (codex)": the role, and the agent that captured it. */
  private static String role(SearchHit hit) {
    String role = hit.getRole().name().replace("EVENT_ROLE_", "").toLowerCase(Locale.ROOT);
    return hit.getAgent().isEmpty() ? role : role + " (" + hit.getAgent() + ")";
  }

  /** One line of at most {@code max} characters. */
  static String shorten(String text, int max) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }

  /** An answer that grows by whole entries until it would pass {@link #MAX_CHARS}. */
  private static final class Answer {
    private final StringBuilder text;
    private boolean cut;

    Answer(String heading) {
      text = new StringBuilder(heading);
    }

    /** Adds an entry on its own line; false (and nothing added) once the limit is reached. */
    boolean add(String entry) {
      if (cut || text.length() + entry.length() + 1 > MAX_CHARS - 200) {
        cut = true;
        return false;
      }
      text.append('\n').append(entry);
      return true;
    }

    String end(String hint) {
      if (cut) {
        text.append("\n(more left out to keep this answer short; narrow the question)");
      }
      return text.append('\n').append(hint).toString();
    }
  }
}
