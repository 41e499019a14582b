package dev.agentmemory.daemon.viewer;

import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.SearchService;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventType;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.SessionContext;
import dev.agentmemory.search.SearchAnswer;
import dev.agentmemory.search.SearchHit;
import dev.agentmemory.search.SearchRequest;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.toc.TocQuery;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The viewer's pages, rendered on the server from the operations API, the search service and
 * each store's table of contents (its query, not the storage under it):
 * health, search ({@code ?q=}), the next session's memory, recent sessions, one session, and
 * forgetting a session or everything before a day (a preview, then a confirmed POST).
 * {@code project} names the store on every page (empty: the default store).
 */
public final class ViewerPages {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
  /**
   * How far around a search hit its session page reads: a session page reads a time window (the
   * store has no index by session; the whole store scanned for one took 0.3 s on 100k events).
   */
  private static final long DAY_MS = 86_400_000L;
  /** Beyond this a tool's output is folded (shown on demand). */
  private static final int FOLD_CHARS = 600;

  /** What a page answers: an HTTP status and the HTML. */
  record Page(int status, String html) {}

  private final MemoryOperations operations;
  private final Function<String, TocQuery> tocOf;
  private final SearchService search;
  private final Platform platform;
  private final ZoneId zone;
  private final Clock clock;

  /** @param tocOf the table of contents of a project's store ("": the default store's) */
  public ViewerPages(MemoryOperations operations, Function<String, TocQuery> tocOf, SearchService search,
      Platform platform, ZoneId zone, Clock clock) {
    this.operations = operations;
    this.tocOf = tocOf;
    this.search = search;
    this.platform = platform;
    this.zone = zone;
    this.clock = clock;
  }

  Page render(String path, Map<String, String> query) {
    String project = query.getOrDefault("project", "").trim();
    try {
      return switch (path) {
        case "/" -> ok("Health", project, health(project));
        case "/search" -> ok("Search", project, search(project, query.getOrDefault("q", "").trim(),
            query.getOrDefault("mode", "hybrid")));
        case "/next" -> ok("Next session", project, next(project));
        case "/sessions" -> ok("Sessions", project, query.containsKey("day") ? sessionsOf(project, day(query.get("day")))
            : sessions(project, days(query.getOrDefault("days", "7"))));
        case "/timeline" -> ok("Timeline", project, timeline(project, query.getOrDefault("agent", "").trim()));
        case "/browse" -> ok("Browse", project, browse(project, query.getOrDefault("node", "").trim()));
        case "/grip" -> ok("Evidence", project, grip(project, query.getOrDefault("id", "").trim()));
        case "/session" -> ok("Session " + query.getOrDefault("id", ""), project, session(project, query));
        case "/forget" -> ok("Forget", project, forgetPreview(project, selection(query)));
        default -> new Page(404, Html.page("Not found", project, "<p class=\"empty\">No page " + Html.escape(path)
            + " here.</p>"));
      };
    } catch (NotFoundException e) {
      return new Page(404, Html.page("Not found", project, "<p class=\"empty\">" + Html.escape(e.getMessage()) + "</p>"));
    } catch (InvalidArgumentException e) {
      return new Page(400, Html.page("Bad request", project, "<p class=\"empty\">" + Html.escape(e.getMessage()) + "</p>"));
    }
  }

  /** A POST: only forgetting changes anything, and only once confirmed. */
  Page change(String path, Map<String, String> query) {
    String project = query.getOrDefault("project", "").trim();
    if (!path.equals("/forget")) {
      return new Page(405, Html.page("Not allowed", project, "<p class=\"empty\">Nothing to change at "
          + Html.escape(path) + ".</p>"));
    }
    try {
      Forgetting.Selection what = selection(query);
      if (!"forget".equals(query.get("confirm"))) {
        return new Page(400, Html.page("Forget", project, "<p class=\"empty\">Not confirmed: type forget to go on.</p>"
            + forgetPreview(project, what)));
      }
      Forgetting.Result done = operations.forget(project, Optional.of(what), false);
      return ok("Forgotten", project, "<p>Forgot " + done.events() + " events" + (done.spooled() == 0 ? ""
          : " and " + done.spooled() + " waiting in the spool") + ". Audit: " + Html.escape(done.audit())
          + "</p><p class=\"meta\">Backups made before still hold them.</p>");
    } catch (NotFoundException e) {
      return new Page(404, Html.page("Forget", project, "<p class=\"empty\">" + Html.escape(e.getMessage()) + "</p>"));
    } catch (InvalidArgumentException e) {
      return new Page(400, Html.page("Forget", project, "<p class=\"empty\">" + Html.escape(e.getMessage()) + "</p>"));
    }
  }

  /** A session ({@code session=ID}) or everything before a day ({@code before=YYYY-MM-DD}). */
  private Forgetting.Selection selection(Map<String, String> query) {
    String before = query.getOrDefault("before", "").trim();
    long beforeMs = 0;
    if (!before.isEmpty()) {
      try {
        beforeMs = LocalDate.parse(before).atStartOfDay(zone).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new InvalidArgumentException("before must be a day as YYYY-MM-DD, not " + before);
      }
    }
    return Forgetting.Selection.of(query.getOrDefault("session", ""), "", beforeMs);
  }

  /** What would go, and the form that confirms it (audited like the CLI's forget). */
  private String forgetPreview(String project, Forgetting.Selection what) {
    Forgetting.Result preview = operations.forget(project, Optional.of(what), true);
    StringBuilder form = new StringBuilder("<p>Would forget ").append(Html.escape(what.describe())).append(" in ")
        .append(project.isEmpty() ? "the default store" : "project " + Html.escape(project)).append(": ")
        .append(preview.events()).append(" events").append(preview.sessions() == 0 ? "" : " of " + preview.sessions()
            + " session(s), " + when(preview.firstMs()) + " to " + when(preview.lastMs())).append(".</p>")
        .append("<p class=\"meta\">With everything derived from them (summaries, search entries), for good; an audit "
            + "entry records what, when and how many, never the content.</p>")
        .append("<form method=\"post\" action=\"/forget\"><input type=\"hidden\" name=\"project\" value=\"")
        .append(Html.escape(project)).append("\">");
    what.sessionId().ifPresent(id -> form.append("<input type=\"hidden\" name=\"session\" value=\"")
        .append(Html.escape(id)).append("\">"));
    what.beforeMs().ifPresent(ms -> form.append("<input type=\"hidden\" name=\"before\" value=\"")
        .append(Instant.ofEpochMilli(ms).atZone(zone).toLocalDate()).append("\">"));
    return form.append("Type <b>forget</b> to confirm: <input name=\"confirm\" autocomplete=\"off\"> ")
        .append("<button>Forget</button></form>").toString();
  }

  private static Page ok(String title, String project, String body) {
    return new Page(200, Html.page(title, project, body));
  }

  private String health(String project) {
    StoreReport report = operations.stats(project);
    StringBuilder out = new StringBuilder("<table>");
    row(out, "Store", report.project().isEmpty() ? "default store" : "project " + report.project());
    row(out, "Path", report.store().path().toString());
    row(out, "Events", Long.toString(report.store().events()));
    row(out, "TOC nodes", Long.toString(report.store().tocNodes()));
    row(out, "Grips", Long.toString(report.store().grips()));
    row(out, "Outbox", Long.toString(report.store().outbox()));
    row(out, "Disk", (report.store().diskBytes() >> 20) + " MB");
    report.search().ifPresent(index -> {
      row(out, "Search index", index.documents() + " units, " + index.vectors() + " with vectors, " + index.behind()
          + " events behind");
      row(out, "Semantic", index.semantic());
    });
    report.store().agents().forEach((agent, tally) -> row(out, "Agent " + agent, tally.events() + " events, last "
        + when(tally.lastStoredMs())));
    report.store().warnings().forEach(warning -> row(out, "Warning", warning));
    report.forgotten().forEach(entry -> row(out, "Forgotten", entry));
    out.append("</table><h2>Projects</h2><p>");
    out.append("<a href=\"/\">default store</a>");
    report.projects().forEach(name -> out.append(" · <a href=\"/?project=").append(Html.url(name)).append("\">")
        .append(Html.escape(name)).append("</a>"));
    return out.append("</p>").toString();
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
  }

  private String search(String project, String text, String mode) {
    StringBuilder out = new StringBuilder("<form action=\"/search\"><input name=\"q\" value=\"" + Html.escape(text)
        + "\" autofocus> <input type=\"hidden\" name=\"project\" value=\"" + Html.escape(project)
        + "\"><button>Search</button></form>");
    if (text.isEmpty()) {
      return out.toString();
    }
    SearchRequest.Mode chosen = switch (mode) {
      case "bm25" -> SearchRequest.Mode.BM25;
      case "vector" -> SearchRequest.Mode.VECTOR;
      default -> SearchRequest.Mode.HYBRID;
    };
    SearchAnswer answer = search.search(new SearchService.Query(text, chosen, SearchRequest.Fusion.WEIGHTED, 20,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of("event"), 0f, project, false));
    out.append("<p class=\"meta\">").append(answer.hits().size()).append(" results, mode ")
        .append(answer.modeUsed().name().toLowerCase(Locale.ROOT)).append(", in ")
        .append(project.isEmpty() ? "the default store" : "project " + Html.escape(project))
        .append("; score: how strongly each matches, 0 to 1</p>");
    if (answer.hits().isEmpty()) {
      return out.append("<p class=\"empty\">Nothing matched closely enough.</p>").toString();
    }
    out.append("<table><tr><th>when</th><th>who</th><th>score</th><th>what</th></tr>");
    for (SearchHit hit : answer.hits()) {
      out.append("<tr><td>").append(when(hit.timestampMs())).append("</td><td>").append(Html.escape(hit.agent()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", hit.score())).append("</td><td>")
          .append(Html.marked(hit.snippet())).append("<br><a class=\"meta\" href=\"/session?project=")
          .append(Html.url(project)).append("&amp;id=").append(Html.url(hit.sessionId())).append("&amp;from=")
          .append(hit.timestampMs() - DAY_MS).append("&amp;to=").append(hit.timestampMs() + DAY_MS).append("\">session ")
          .append(Html.escape(hit.sessionId())).append("</a></td></tr>");
    }
    return out.append("</table>").toString();
  }

  /** The TOC drill-down: the years, or a node's summary, bullets (each with its evidence) and children. */
  private String browse(String project, String nodeId) {
    TocQuery toc = tocOf.apply(project);
    StringBuilder out = new StringBuilder();
    List<TocNode> children;
    if (nodeId.isEmpty()) {
      children = toc.root();
      if (children.isEmpty()) {
        return "<p class=\"empty\">No table of contents yet: it is built as events arrive.</p>";
      }
    } else {
      TocNode node = toc.node(nodeId).orElseThrow(() -> new NotFoundException("No node " + nodeId
          + (project.isEmpty() ? "" : " in project " + project)));
      out.append("<h2>").append(Html.escape(node.title())).append("</h2><p class=\"meta\">")
          .append(node.level().name().toLowerCase(Locale.ROOT)).append(", ").append(when(node.startTimeMs()))
          .append(" to ").append(when(node.endTimeMs())).append("</p>");
      if (node.summary() != null && !node.summary().isBlank()) {
        out.append("<p>").append(Html.escape(node.summary())).append("</p>");
      }
      out.append("<ul>");
      for (TocBullet bullet : node.bullets()) {
        out.append("<li>").append(Html.escape(bullet.text()));
        bullet.gripIds().forEach(grip -> out.append(" <a class=\"meta\" href=\"/grip?project=").append(Html.url(project))
            .append("&amp;id=").append(Html.url(grip)).append("\">evidence</a>"));
        out.append("</li>");
      }
      out.append("</ul>");
      if (!node.keywords().isEmpty()) {
        out.append("<p class=\"meta\">").append(Html.escape(String.join(", ", node.keywords()))).append("</p>");
      }
      children = toc.browse(nodeId, TocQuery.MAX_PAGE, "").children();
    }
    out.append("<ul>");
    children.forEach(child -> out.append("<li><a href=\"/browse?project=").append(Html.url(project)).append("&amp;node=")
        .append(Html.url(child.nodeId())).append("\">").append(Html.escape(child.title())).append("</a> <span class=\"meta\">")
        .append(when(child.startTimeMs())).append("</span></li>"));
    return out.append("</ul>").toString();
  }

  /** A grip: the events it cites (marked) with those around them in the session. */
  private String grip(String project, String gripId) {
    TocQuery.GripExpansion expansion = tocOf.apply(project).expand(gripId, 2, 2)
        .orElseThrow(() -> new NotFoundException("No grip " + gripId + (project.isEmpty() ? "" : " in project " + project)));
    StringBuilder out = new StringBuilder("<p>").append(Html.escape(expansion.grip().excerpt())).append("</p>");
    expansion.before().forEach(event -> out.append(eventBlock(event, false)));
    expansion.excerpt().forEach(event -> out.append(eventBlock(event, true)));
    expansion.after().forEach(event -> out.append(eventBlock(event, false)));
    return out.toString();
  }

  private String eventBlock(Event event, boolean cited) {
    return "<div class=\"" + kind(event) + "\"><span class=\"meta\">" + (cited ? "&gt; cited · " : "")
        + when(event.timestampMs()) + " · " + kind(event) + "</span><pre>" + Html.escape(event.text()) + "</pre></div>";
  }

  private static String kind(Event event) {
    return event.type() == EventType.USER_MESSAGE.number() ? "user"
        : event.type() == EventType.TOOL_RESULT.number() ? "tool" : "assistant";
  }

  /** Exactly what the session-start hook prints for the project (the file the daemon keeps). */
  private String next(String project) {
    if (project.isEmpty()) {
      return "<p class=\"empty\">Choose a project: the session-start memory is a project's (add ?project=NAME).</p>";
    }
    try {
      Optional<byte[]> block = SessionContext.read(platform, project);
      return block.map(bytes -> "<p class=\"meta\">What the next session of project " + Html.escape(project)
              + " is told when it starts:</p><pre>" + Html.escape(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
              + "</pre>")
          .orElse("<p class=\"empty\">No session-start memory for project " + Html.escape(project)
              + " yet: it is written once its first segment is summarized.</p>");
    } catch (IOException e) {
      return "<p class=\"empty\">Cannot read the session-start memory: " + Html.escape(e.getMessage()) + "</p>";
    }
  }

  /** A session's first prompt, agent, count and time span. */
  private record SessionLine(String agent, long firstMs, long lastMs, int events, String firstPrompt) {}

  private String sessions(String project, int days) {
    long to = clock.millis();
    return sessions(project, to - days * 86_400_000L, to, "in the last " + days + " days");
  }

  private String sessionsOf(String project, LocalDate day) {
    long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
    return sessions(project, from, day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1, "on " + day);
  }

  /** Weeks of the timeline: a quarter of a year. */
  private static final int WEEKS = 13;

  /**
   * Activity per day as a calendar (weeks as columns, Monday first), each day linked to its
   * sessions; {@code agent} (empty: every agent) narrows it to what one agent captured.
   */
  private String timeline(String project, String agent) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate first = today.minusDays(today.getDayOfWeek().getValue() - 1L).minusWeeks(WEEKS - 1L);
    Map<LocalDate, Integer> perDay = new java.util.TreeMap<>();
    Map<String, Integer> perAgent = new java.util.TreeMap<>();
    operations.export(project, first.atStartOfDay(zone).toInstant().toEpochMilli(), clock.millis(), event -> {
      perAgent.merge(event.agent().isEmpty() ? "(none)" : event.agent(), 1, Integer::sum);
      if (agent.isEmpty() || agent.equals(event.agent())) {
        perDay.merge(Instant.ofEpochMilli(event.timestampMs()).atZone(zone).toLocalDate(), 1, Integer::sum);
      }
    });
    int most = perDay.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    StringBuilder out = new StringBuilder("<p class=\"meta\">Events per day since ").append(first).append(", ")
        .append(project.isEmpty() ? "the default store" : "project " + Html.escape(project)).append(": ");
    out.append("<a href=\"/timeline?project=").append(Html.url(project)).append("\">every agent</a>");
    perAgent.forEach((name, count) -> out.append(" · <a href=\"/timeline?project=").append(Html.url(project))
        .append("&amp;agent=").append(Html.url(name)).append("\">").append(Html.escape(name)).append("</a> ").append(count));
    out.append(agent.isEmpty() ? "" : " (showing " + Html.escape(agent) + ")").append("</p><table class=\"calendar\">");
    for (int weekday = 0; weekday < 7; weekday++) {
      out.append("<tr><th>").append(first.plusDays(weekday).getDayOfWeek().toString().substring(0, 3)).append("</th>");
      for (int week = 0; week < WEEKS; week++) {
        LocalDate day = first.plusWeeks(week).plusDays(weekday);
        int count = perDay.getOrDefault(day, 0);
        if (day.isAfter(today)) {
          out.append("<td></td>");
        } else {
          int shade = count == 0 ? 0 : 1 + (3 * count) / Math.max(1, most);
          out.append("<td class=\"heat").append(Math.min(shade, 4)).append("\" title=\"").append(day).append(": ")
              .append(count).append(" events\"><a href=\"/sessions?project=").append(Html.url(project))
              .append("&amp;day=").append(day).append("\">").append(count == 0 ? "" : count).append("</a></td>");
        }
      }
      out.append("</tr>");
    }
    return out.append("</table>").toString();
  }

  private String sessions(String project, long from, long to, String when) {
    Map<String, SessionLine> sessions = new LinkedHashMap<>();
    operations.export(project, from, to, event -> sessions.merge(event.sessionId(),
        new SessionLine(event.agent(), event.timestampMs(), event.timestampMs(), 1,
            event.type() == EventType.USER_MESSAGE.number() ? event.text() : ""),
        (a, b) -> new SessionLine(a.agent(), a.firstMs(), b.lastMs(), a.events() + 1,
            a.firstPrompt().isEmpty() ? b.firstPrompt() : a.firstPrompt())));
    if (sessions.isEmpty()) {
      return "<p class=\"empty\">No session " + when + ".</p>";
    }
    List<Map.Entry<String, SessionLine>> newestFirst = new ArrayList<>(sessions.entrySet());
    newestFirst.sort((a, b) -> Long.compare(b.getValue().lastMs(), a.getValue().lastMs()));
    StringBuilder out = new StringBuilder("<table><tr><th>when</th><th>agent</th><th>events</th><th>first request</th></tr>");
    for (Map.Entry<String, SessionLine> entry : newestFirst) {
      SessionLine line = entry.getValue();
      out.append("<tr><td>").append(when(line.firstMs())).append("</td><td>").append(Html.escape(line.agent()))
          .append("</td><td>").append(line.events()).append("</td><td><a href=\"/session?project=")
          .append(Html.url(project)).append("&amp;id=").append(Html.url(entry.getKey())).append("&amp;from=")
          .append(line.firstMs()).append("&amp;to=").append(line.lastMs()).append("\">")
          .append(Html.escape(shorten(line.firstPrompt().isEmpty() ? "(no prompt)" : line.firstPrompt(), 160)))
          .append("</a></td></tr>");
    }
    return out.append("</table>").toString();
  }

  private String session(String project, Map<String, String> query) {
    String id = query.getOrDefault("id", "").trim();
    if (id.isEmpty()) {
      throw new InvalidArgumentException("give the session: ?id=SESSION");
    }
    long from = number(query.getOrDefault("from", "0"));
    long to = query.containsKey("to") ? number(query.get("to")) : clock.millis();
    List<Event> events = operations.events(project, from, to, 1000, new EventFilter("", id));
    if (events.isEmpty()) {
      throw new NotFoundException("No events of session " + id + (project.isEmpty() ? "" : " in project " + project));
    }
    StringBuilder out = new StringBuilder("<p class=\"meta\">").append(events.size()).append(" events, ")
        .append(Html.escape(events.get(0).agent())).append(" · <a href=\"/forget?project=").append(Html.url(project))
        .append("&amp;session=").append(Html.url(id)).append("\">forget this session</a>")
        .append(query.containsKey("from") ? " · events from " + when(from) + " to " + when(to) + " (<a href=\"/session?project="
            + Html.url(project) + "&amp;id=" + Html.url(id) + "\">the whole session</a>)" : "").append("</p>");
    for (Event event : events) {
      String kind = kind(event);
      out.append("<div class=\"").append(kind).append("\"><span class=\"meta\">").append(when(event.timestampMs()))
          .append(" · ").append(kind).append("</span>");
      if (kind.equals("tool") || event.text().length() > FOLD_CHARS) {
        int newline = event.text().indexOf('\n');
        String first = newline < 0 ? event.text() : event.text().substring(0, newline);
        out.append("<details><summary>").append(Html.escape(shorten(first, 160))).append("</summary><pre>")
            .append(Html.escape(event.text())).append("</pre></details>");
      } else {
        out.append("<pre>").append(Html.escape(event.text())).append("</pre>");
      }
      out.append("</div>");
    }
    return out.toString();
  }

  private String when(long ms) {
    return WHEN.format(Instant.ofEpochMilli(ms).atZone(zone));
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  private static LocalDate day(String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException("day must be YYYY-MM-DD, not " + text);
    }
  }

  private static int days(String text) {
    long days = number(text);
    if (days < 1 || days > 366) {
      throw new InvalidArgumentException("days must be 1 to 366, not " + text);
    }
    return (int) days;
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("not a number: " + text);
    }
  }
}
