package dev.agentmemory.hook;

import java.util.Map;

/**
 * An event waiting in the spool for the daemon: the wire Event's fields, with enums as numbers.
 *
 * @param type wire number of the event type
 * @param role wire number of the role
 */
public record SpoolEvent(
    String eventId, String sessionId, long timestampMs, int type, int role, String text,
    Map<String, String> metadata, String agent) {

  public SpoolEvent {
    metadata = Map.copyOf(metadata);
  }
}
