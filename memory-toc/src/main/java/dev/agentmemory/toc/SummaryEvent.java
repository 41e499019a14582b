package dev.agentmemory.toc;

import java.util.Map;

/**
 * An event as a summarizer sees it: its text already bounded (tool results cut to a prefix).
 *
 * @param role wire number of the author role
 * @param type wire number of the event type
 */
public record SummaryEvent(
    String eventId, long timestampMs, int role, int type, String text, Map<String, String> metadata) {
  public SummaryEvent {
    metadata = Map.copyOf(metadata);
  }
}
