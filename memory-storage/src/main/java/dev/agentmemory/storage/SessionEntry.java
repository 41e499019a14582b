package dev.agentmemory.storage;

/**
 * An event as the TOC builder indexes it: its place in its session and what segmentation needs.
 *
 * @param tokens cl100k tokens of its (bounded) text
 * @param type wire number of the event type
 */
public record SessionEntry(String sessionId, long timestampMs, String eventId, int tokens, int type) {
  public EventKey eventKey() {
    return new EventKey(timestampMs, eventId);
  }
}
