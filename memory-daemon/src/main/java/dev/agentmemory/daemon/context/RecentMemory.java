package dev.agentmemory.daemon.context;

import dev.agentmemory.event.Event;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.EventRole;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.toc.TokenCounter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new session of a project is told of its past: the latest segments of the project's TOC
 * (date, time, title, the assistant's last word in it, their first bullets), newest first, the
 * user's last request, and how to search for more, all within a token budget. Absolute dates
 * only: the text is read hours or days after it was written.
 */
public final class RecentMemory {
  /** Days of the TOC looked at, from the newest back. */
  private static final int MAX_DAYS = 14;
  private static final int BULLETS_PER_SEGMENT = 2;
  private static final String SESSION_START_TITLE = "Session started";
  private static final int MAX_TITLE_CHARS = 120;
  private static final int MAX_BULLET_CHARS = 180;
  private static final int MAX_REQUEST_CHARS = 240;
  private static final int MAX_OUTCOME_CHARS = 240;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private final MemoryStore store;
  private final ZoneId zone;
  private final int maxTokens;
  private final String command;
  private final TokenCounter tokens = TokenCounter.shared();

  /** @param command how the agent runs the CLI: this installation's launcher, or "memory-daemon" */
  public RecentMemory(MemoryStore store, ZoneId zone, int maxTokens, String command) {
    this.store = store;
    this.zone = zone;
    this.maxTokens = maxTokens;
    this.command = command;
  }

  /** The block for {@code project}; empty when its store holds nothing to tell. */
  public Optional<String> compose(String project) {
    List<TocNode> segments = latestSegments();
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    String header = "# Memory of project " + project + " (agent-memory)\n"
        + "Earlier sessions in this project, newest first (summaries; check before relying on them):\n";
    String hint = "More: `" + command + " search \"WORDS\" --project . --json` (options --since YYYY-MM-DD, --all-projects), "
        + "then `" + command + " query expand GRIP_ID --project .`; or the memory_search tool.\n";
    int used = tokens.count(header) + tokens.count(hint);
    StringBuilder body = new StringBuilder();
    for (TocNode segment : segments) {
      String entry = entry(segment);
      int cost = tokens.count(entry);
      if (used + cost > maxTokens) {
        break;
      }
      body.append(entry);
      used += cost;
    }
    if (body.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> request = lastRequest(segments.get(0)).map(line -> line + "\n");
    if (request.isPresent() && used + tokens.count(request.get()) <= maxTokens) {
      body.append(request.get());
    }
    return Optional.of(header + body + hint);
  }

  /**
   * The segments of the newest days, newest first. Left out: those without a title or bullets, and
   * those that only record a session start (titled with the hook's "Session started (...)" text), which
   * is what the session being started looks like.
   */
  private List<TocNode> latestSegments() {
    List<String> days = store.toc().linkedIds(TocLevel.DAY);
    List<TocNode> segments = new ArrayList<>();
    for (int i = days.size() - 1; i >= Math.max(0, days.size() - MAX_DAYS); i--) {
      store.toc().latest(days.get(i)).ifPresent(day -> {
        List<TocNode> children = new ArrayList<>(store.toc().latest(day.childNodeIds()));
        children.removeIf(node -> node.level() != TocLevel.SEGMENT || node.title().isBlank() || node.bullets().isEmpty()
            || node.title().startsWith(SESSION_START_TITLE));
        children.sort(Comparator.comparingLong(TocNode::startTimeMs).reversed());
        segments.addAll(children);
      });
    }
    return segments;
  }

  private String entry(TocNode segment) {
    Instant start = Instant.ofEpochMilli(segment.startTimeMs());
    Instant end = Instant.ofEpochMilli(segment.endTimeMs());
    StringBuilder entry = new StringBuilder("- ").append(DAY.format(start.atZone(zone))).append(' ')
        .append(TIME.format(start.atZone(zone))).append('-').append(TIME.format(end.atZone(zone)))
        .append(": ").append(shorten(segment.title(), MAX_TITLE_CHARS)).append('\n');
    Optional<String> outcome = lastSaid(segment, EventRole.ASSISTANT).map(Event::text);
    outcome.ifPresent(text -> entry.append("  - Outcome: ").append(shorten(text, MAX_OUTCOME_CHARS)).append('\n'));
    segment.bullets().stream()
        .filter(bullet -> outcome.map(text -> !text.contains(bullet.text())).orElse(true))
        .limit(BULLETS_PER_SEGMENT)
        .forEach(bullet -> entry.append("  - ").append(shorten(bullet.text(), MAX_BULLET_CHARS)).append('\n'));
    return entry.toString();
  }

  /**
   * The last thing {@code role} said in {@code segment}'s session (other sessions' events in the
   * same minutes are not the segment's). The assistant's is most often what was decided, found or
   * done, which a summary of the segment's most distinctive statements can miss (the question about
   * the ledger made it into the block, "we keep it in Postgres" did not); the user's, the thread
   * most likely still open.
   */
  private Optional<Event> lastSaid(TocNode segment, EventRole role) {
    // a segment's id ends with its first event's id
    Optional<String> session = store.event(segment.nodeId().substring(segment.nodeId().lastIndexOf(':') + 1))
        .map(Event::sessionId);
    Event last = null;
    try (CloseableIterator<Event> events = store.events().scan(segment.startTimeMs(), segment.endTimeMs())) {
      while (events.hasNext()) {
        Event event = events.next();
        if (event.role() == role.number() && !event.text().isBlank()
            && session.map(event.sessionId()::equals).orElse(true)) {
          last = event;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  /** The last thing the user asked in the newest segment. */
  private Optional<String> lastRequest(TocNode newest) {
    return lastSaid(newest, EventRole.USER).map(last -> {
      Instant at = Instant.ofEpochMilli(last.timestampMs());
      return "Last request (" + DAY.format(at.atZone(zone)) + " " + TIME.format(at.atZone(zone)) + "): \""
          + shorten(last.text(), MAX_REQUEST_CHARS) + "\"";
    });
  }

  /** One line of at most {@code max} characters, cut at a word boundary. */
  static String shorten(String text, int max) {
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.length() <= max) {
      return line;
    }
    int cut = line.lastIndexOf(' ', max - 1);
    return line.substring(0, cut > max / 2 ? cut : max - 1) + "…";
  }
}
