package dev.agentmemory.event;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One captured conversation event: what a hook writes to the spool, what ingest validates and
 * what the store keeps. Append-only: once stored it never changes.
 *
 * @param eventId canonical (upper-case) ULID chosen by the client
 * @param sessionId the conversation it belongs to
 * @param timestampMs when it happened at the source, ms since the epoch; the log is ordered by it
 * @param type wire number of the event type; unknown numbers are kept as given
 * @param role wire number of the author role; unknown numbers are kept as given
 * @param text the content
 * @param metadata cwd, tool name, file paths, ... (sorted, immutable)
 * @param agent lower-case agent name, empty when unknown
 */
public record Event(
    String eventId,
    String sessionId,
    long timestampMs,
    int type,
    int role,
    String text,
    Map<String, String> metadata,
    String agent) {

  public Event {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(agent, "agent");
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }
}
