package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.EventIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/** Checks an incoming event against the wire protocol's rules and puts it in canonical form. */
final class EventValidator {
  // Clients stamp events with their own clock; a day of skew is tolerated, more is a bug.
  private static final long MAX_FUTURE_MS = Duration.ofDays(1).toMillis();

  private final Clock clock;
  private final long maxTextBytes;

  EventValidator(Clock clock, long maxTextBytes) {
    this.clock = clock;
    this.maxTextBytes = maxTextBytes;
  }

  /** The event with a canonical id and lower-case agent; INVALID_ARGUMENT naming the field if bad. */
  Event validate(Event event) {
    if (event.eventId().isEmpty()) {
      throw new InvalidArgumentException("event_id must not be empty: send a ULID made by the client");
    }
    String eventId = EventIds.canonical(event.eventId());
    if (event.sessionId().isBlank()) {
      throw new InvalidArgumentException("session_id must not be empty");
    }
    if (event.timestampMs() <= 0) {
      throw new InvalidArgumentException(
          "timestamp_ms must be a positive time in ms since the Unix epoch, got " + event.timestampMs());
    }
    long latest = clock.millis() + MAX_FUTURE_MS;
    if (event.timestampMs() > latest) {
      throw new InvalidArgumentException(
          "timestamp_ms " + event.timestampMs() + " is more than a day in the future (latest accepted now: "
              + latest + "); is it in seconds or microseconds instead of milliseconds?");
    }
    long textBytes = Utf8.length(event.text());
    if (textBytes > maxTextBytes) {
      throw new InvalidArgumentException(
          "text is " + textBytes + " bytes, above the maximum of " + maxTextBytes
              + " bytes (max_event_bytes in config.toml)");
    }
    return new Event(
        eventId,
        event.sessionId(),
        event.timestampMs(),
        event.type(),
        event.role(),
        event.text(),
        event.metadata(),
        event.agent().trim().toLowerCase(Locale.ROOT));
  }
}
