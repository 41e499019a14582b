package dev.agentmemory.storage;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.util.Map;

/** Builds events for storage tests. */
final class TestEvents {
  private TestEvents() {}

  static String newId() {
    return UlidCreator.getUlid().toString();
  }

  static Event event(String id, long timestampMs, String text) {
    return new Event(id, "session-1", timestampMs, EventType.USER_MESSAGE.number(), EventRole.USER.number(), text, Map.of("cwd", "/tmp"), "claude");
  }

  static Event event(long timestampMs, String text) {
    return event(newId(), timestampMs, text);
  }
}
