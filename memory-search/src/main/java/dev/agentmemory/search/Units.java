package dev.agentmemory.search;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How units are written, which decides most of the quality (../shared/notes/retrieval.md): who
 * said it and on which day in the text, and the turn before it in the same session (the
 * neighbouring turns gave +14 to +18 points of recall), on an event's first chunk. Long events
 * are cut into chunks the embedding model can read whole; a hit on any chunk is a hit on its event.
 */
final class Units {
  /** Words per chunk: about what the model reads (128 tokens). */
  static final int CHUNK_WORDS = 90;
  private static final int CHUNK_OVERLAP = 15;
  /** Chunks kept per event (the first 1,000 or so words: a long tool output's head says what it is). */
  private static final int MAX_CHUNKS = 12;
  private static final int NEIGHBOUR_CHARS = 300;
  private static final int HEAD_CHARS = 64 * 1024;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final ZoneId zone;

  Units(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The units of {@code event}, with the turn before it in its session. Lifecycle
   * records (system events: session started or ended, context compacted, notifications) have none:
   * they stay in the log, the TOC and {@code query events}, but they are not what anyone said, and
   * a search ranked "Session ended (reason: logout)" first for a question about logins.
   */
  List<Unit> of(Event event, Optional<Event> previous, String segmentNodeId) {
    if (isLifecycle(event)) {
      return List.of();
    }
    String header = who(event) + " (" + TimePhrases.day(event.timestampMs(), zone) + "): ";
    // not the turn after: it would make each event's units be written again when its successor
    // arrives, and recall did not need it (docs/benchmarks.md, "Recall")
    String context = previous.filter(p -> !isLifecycle(p)).map(p -> "\nBefore, " + who(p) + ": " + cut(p.text()))
        .orElse("");
    List<String> chunks = chunks(event.text());
    List<Unit> units = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i);
      // the context once, on the first chunk: an event is found by it there, and repeating it on
      // every chunk of a long tool output cost a fifth of the keyword build and let boilerplate rank
      units.add(new Unit("e:" + event.eventId() + ":" + i, event.eventId(), Unit.EVENT, header + chunk,
          i == 0 ? context : "", chunk,
          event.timestampMs(), event.sessionId(), event.agent(), event.role(), segmentNodeId));
    }
    return units;
  }

  /** A segment or day node: title, summary, bullets, keywords and day. */
  Unit of(TocNode node) {
    StringBuilder text = new StringBuilder(node.title());
    if (node.summary() != null && !node.summary().isBlank()) {
      text.append('\n').append(node.summary());
    }
    for (TocBullet bullet : node.bullets()) {
      text.append("\n- ").append(bullet.text());
    }
    if (!node.keywords().isEmpty()) {
      text.append("\nKeywords: ").append(String.join(", ", node.keywords()));
    }
    String body = text.toString();
    return new Unit("n:" + node.nodeId(), node.nodeId(), Unit.TOC_NODE,
        body + "\n(" + TimePhrases.day(node.startTimeMs(), zone) + ")", "", body, node.startTimeMs(), "", "", 0,
        node.nodeId());
  }

  /** A grip: its excerpt and day. */
  Unit of(Grip grip) {
    return new Unit("g:" + grip.gripId(), grip.gripId(), Unit.GRIP,
        grip.excerpt() + "\n(" + TimePhrases.day(grip.timestampMs(), zone) + ")", "", grip.excerpt(), grip.timestampMs(),
        "", "", 0, grip.source());
  }

  static boolean isLifecycle(Event event) {
    return event.role() == EventRole.SYSTEM.number();
  }

  /** Who wrote it: the speaker when the event names one, else its role (and tool). */
  static String who(Event event) {
    String speaker = event.metadata().getOrDefault("speaker", "");
    if (!speaker.isBlank()) {
      return speaker;
    }
    if (event.role() == EventRole.USER.number()) {
      return "User";
    }
    if (event.role() == EventRole.ASSISTANT.number()) {
      return "Assistant";
    }
    if (event.role() == EventRole.TOOL.number()) {
      return "Tool " + event.metadata().getOrDefault("tool_name", "").trim();
    }
    return "System";
  }

  /** The text in chunks of about {@value #CHUNK_WORDS} words overlapping by a few. */
  static List<String> chunks(String text) {
    // the chunks kept hold about a thousand words: split only a head that surely holds them
    String head = text.length() <= HEAD_CHARS ? text : text.substring(0, HEAD_CHARS);
    String[] words = WHITESPACE.split(head.trim());
    if (words.length <= CHUNK_WORDS) {
      return List.of(head.trim());
    }
    List<String> chunks = new ArrayList<>();
    for (int start = 0; start < words.length && chunks.size() < MAX_CHUNKS; start += CHUNK_WORDS - CHUNK_OVERLAP) {
      int end = Math.min(words.length, start + CHUNK_WORDS);
      chunks.add(String.join(" ", Arrays.copyOfRange(words, start, end)));
      if (end == words.length) {
        break;
      }
    }
    return chunks;
  }

  /** The head of a neighbour's text on one line; only the head is looked at (a tool output may be a megabyte). */
  private static String cut(String text) {
    String head = text.length() <= 2 * NEIGHBOUR_CHARS ? text : text.substring(0, 2 * NEIGHBOUR_CHARS);
    String flat = WHITESPACE.matcher(head).replaceAll(" ").trim();
    return flat.length() <= NEIGHBOUR_CHARS && head.length() == text.length() ? flat
        : flat.substring(0, Math.min(flat.length(), NEIGHBOUR_CHARS)) + "...";
  }
}
