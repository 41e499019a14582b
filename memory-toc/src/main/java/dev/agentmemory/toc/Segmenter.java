package dev.agentmemory.toc;

import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.SessionEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one session's events of one day into segments. A pure function of those events, so the
 * same events give the same segments whatever order they arrived in: a new segment starts after
 * a quiet gap, after a session end, or when the token budget would be exceeded.
 */
final class Segmenter {
  private final long gapMs;
  private final int maxTokens;

  Segmenter(TocConfig config) {
    this.gapMs = config.segmentGap().toMillis();
    this.maxTokens = config.segmentMaxTokens();
  }

  /** @param entries one session's events of one day, in session order */
  List<List<SessionEntry>> split(List<SessionEntry> entries) {
    List<List<SessionEntry>> segments = new ArrayList<>();
    List<SessionEntry> current = new ArrayList<>();
    long tokens = 0;
    for (SessionEntry entry : entries) {
      if (!current.isEmpty() && startsNewSegment(current.get(current.size() - 1), entry, tokens)) {
        segments.add(current);
        current = new ArrayList<>();
        tokens = 0;
      }
      current.add(entry);
      tokens += entry.tokens();
    }
    if (!current.isEmpty()) {
      segments.add(current);
    }
    return segments;
  }

  private boolean startsNewSegment(SessionEntry previous, SessionEntry next, long tokens) {
    return next.timestampMs() - previous.timestampMs() > gapMs
        || previous.type() == EventType.SESSION_END.number()
        || tokens + next.tokens() > maxTokens;
  }
}
