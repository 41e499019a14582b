package dev.agentmemory.daemon.context;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.toc.Conclusions;
import dev.agentmemory.toc.Texts;
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
 * What a new session of a project is told of its past: the latest segments of the project's TOC,
 * newest first, each with its date and time, what was asked, what the assistant concluded, and
 * what was left unanswered; then how to search for more, all within a token budget. Absolute
 * dates only: the text is read hours or days after it was written.
 */
public final class RecentMemory {
  /** Days of the TOC looked at, from the newest back. */
  private static final int MAX_DAYS = 14;
  private static final int BULLETS_PER_SEGMENT = 2;
  private static final String SESSION_START_TITLE = "Session started";
  private static final int MAX_TITLE_CHARS = 120;
  private static final int MAX_BULLET_CHARS = 180;
  private static final int MAX_REQUEST_CHARS = 160;
  private static final int MAX_OUTCOME_CHARS = 200;
  private static final int SHORT_OUTCOME_CHARS = 120;
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
    String hint = "More: `" + command + " search \"WORDS\" --project . --json` (--since YYYY-MM-DD, --all-projects), "
        + "then `query expand GRIP_ID --project .` with the same command; or the memory_search tool.\n";
    int used = tokens.count(header) + tokens.count(hint);
    StringBuilder body = new StringBuilder();
    for (TocNode segment : segments) {
      String entry = entry(segment, MAX_OUTCOME_CHARS);
      if (used + tokens.count(entry) > maxTokens) {
        // the last entry that fits may tell less: its outcome's most conclusive sentence only
        entry = entry(segment, SHORT_OUTCOME_CHARS);
      }
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

  private String entry(TocNode segment, int maxOutcomeChars) {
    Instant start = Instant.ofEpochMilli(segment.startTimeMs());
    Instant end = Instant.ofEpochMilli(segment.endTimeMs());
    List<Event> said = said(segment);
    List<String> requests = said.stream().filter(event -> event.role() == EventRole.USER.number())
        .map(Event::text).toList();
    boolean localTitle = requests.stream().anyMatch(text -> madeOfWordsOf(segment.title(), text));
    StringBuilder entry = new StringBuilder("- ").append(DAY.format(start.atZone(zone))).append(' ')
        .append(TIME.format(start.atZone(zone))).append('-').append(TIME.format(end.atZone(zone))).append(": ")
        .append(localTitle ? shorten(requests.get(0), MAX_REQUEST_CHARS) : shorten(segment.title(), MAX_TITLE_CHARS))
        .append('\n');
    String outcome = Conclusions.of(said.stream().filter(event -> event.role() == EventRole.ASSISTANT.number())
        .map(Event::text).toList(), maxOutcomeChars);
    if (!outcome.isEmpty()) {
      entry.append("  - Outcome: ").append(shorten(outcome, maxOutcomeChars)).append('\n');
    }
    unanswered(said).filter(open -> !(localTitle && open.equals(requests.get(0))))
        .ifPresent(open -> entry.append("  - Open: ").append(shorten(open, MAX_REQUEST_CHARS)).append('\n'));
    if (!localTitle || outcome.isEmpty()) {
      segment.bullets().stream()
          .filter(bullet -> !outcome.contains(bullet.text()) && requests.stream().noneMatch(bullet.text()::contains))
          .limit(BULLETS_PER_SEGMENT)
          .forEach(bullet -> entry.append("  - ").append(shorten(bullet.text(), MAX_BULLET_CHARS)).append('\n'));
    }
    return entry.toString();
  }

  /**
   * Whether every word of {@code title} occurs in {@code request}: the local summarizer's title is
   * a request cut to a few words, so the first request is shown instead, whole; a model's summary
   * title (and its bullets) is kept.
   */
  private static boolean madeOfWordsOf(String title, String request) {
    List<String> words = Texts.words(request.toLowerCase(Locale.ROOT));
    return Texts.words(title.toLowerCase(Locale.ROOT)).stream().allMatch(words::contains);
  }

  /** The user's last words when no answer followed them: the thread left open. */
  private static Optional<String> unanswered(List<Event> said) {
    for (int i = said.size() - 1; i >= 0; i--) {
      Event event = said.get(i);
      if (event.role() == EventRole.ASSISTANT.number()) {
        return Optional.empty();
      }
      if (event.role() == EventRole.USER.number()) {
        return Optional.of(event.text());
      }
    }
    return Optional.empty();
  }

  /**
   * What the user and the assistant said in {@code segment}, in order, of the segment's session
   * only (other sessions' events in the same minutes are not the segment's).
   */
  private List<Event> said(TocNode segment) {
    // a segment's id ends with its first event's id
    Optional<String> session = store.event(segment.nodeId().substring(segment.nodeId().lastIndexOf(':') + 1))
        .map(Event::sessionId);
    List<Event> said = new ArrayList<>();
    try (CloseableIterator<Event> events = store.events().scan(segment.startTimeMs(), segment.endTimeMs())) {
      while (events.hasNext()) {
        Event event = events.next();
        if ((event.role() == EventRole.USER.number() || event.role() == EventRole.ASSISTANT.number())
            && !event.text().isBlank() && session.map(event.sessionId()::equals).orElse(true)) {
          said.add(event);
        }
      }
    }
    return said;
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
