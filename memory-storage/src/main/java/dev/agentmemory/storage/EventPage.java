package dev.agentmemory.storage;

import dev.agentmemory.event.Event;
import java.util.List;

/**
 * A bounded slice of the event log.
 *
 * @param events events in log order
 * @param hasMore true when more events matched than were returned
 */
public record EventPage(List<Event> events, boolean hasMore) {
  public EventPage {
    events = List.copyOf(events);
  }
}
