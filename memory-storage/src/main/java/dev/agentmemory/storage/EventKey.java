package dev.agentmemory.storage;

import dev.agentmemory.event.Event;
import java.util.Comparator;

/**
 * Position of an event in the log: source timestamp first, then event id, so that iteration is in
 * time order and two events of the same millisecond still have distinct, stable keys.
 */
public record EventKey(long timestampMs, String eventId) implements Comparable<EventKey> {
  private static final Comparator<EventKey> ORDER =
      Comparator.comparingLong(EventKey::timestampMs).thenComparing(EventKey::eventId);

  /** Where {@code event} goes in the log. */
  public static EventKey of(Event event) {
    return new EventKey(event.timestampMs(), event.eventId());
  }

  @Override
  public int compareTo(EventKey other) {
    return ORDER.compare(this, other);
  }
}
