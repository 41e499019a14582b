package dev.agentmemory.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.cli.FakeOperations;
import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an import leaves out because the live hook stored it already. */
class LiveCapturedTest {
  private static final long T = 1_796_032_800_000L;

  private static Event event(String id, EventType type, String text, Map<String, String> metadata) {
    EventRole role = switch (type) {
      case USER_MESSAGE -> EventRole.USER;
      case TOOL_RESULT -> EventRole.TOOL;
      default -> EventRole.ASSISTANT;
    };
    return new Event(id, "s1", T, type.number(), role.number(), text, metadata, "claude");
  }

  @Test
  void shouldLeaveOutWhatTheHookHas_countingRepeats_andMatchingToolCallsByTheirId() {
    // given: the hook captured a prompt, a tool call and the answer
    List<Event> live = List.of(
        event("H1", EventType.USER_MESSAGE, "yes,  go on", Map.of()),
        event("H2", EventType.TOOL_RESULT, "Tool Bash: ls\nsrc", Map.of("tool_use_id", "toolu_1")),
        event("H3", EventType.ASSISTANT_STOP, "Done: two files.", Map.of()),
        event("I9", EventType.USER_MESSAGE, "an earlier import of this file", Map.of()));
    LiveCaptured captured = new LiveCaptured(new FakeOperations() {
      @Override
      public List<Event> events(String project, long from, long to, int limit, EventFilter filter) {
        assertThat(filter).isEqualTo(new EventFilter("claude", "s1"));
        assertThat(from).as("an hour around").isLessThan(T);
        return live;
      }
    });

    // when: the transcript has the prompt twice, the same call (other text), the answer, more
    List<Event> kept = captured.withoutCaptured("shop", List.of(
        event("I1", EventType.USER_MESSAGE, "yes, go on", Map.of()),
        event("I2", EventType.USER_MESSAGE, "yes, go on", Map.of()),
        event("I3", EventType.TOOL_RESULT, "src", Map.of("tool_use_id", "toolu_1")),
        event("I3a", EventType.ASSISTANT_MESSAGE, "Tool call Bash: ls", Map.of("tool_use_id", "toolu_1")),
        event("I4", EventType.ASSISTANT_MESSAGE, "Done: two files.", Map.of()),
        event("I5", EventType.ASSISTANT_MESSAGE, "Anything else?", Map.of()),
        event("I9", EventType.USER_MESSAGE, "an earlier import of this file", Map.of())));

    // then: one "yes" of two, the call (result and request), the answer left out; an earlier import is not the hook's
    assertThat(kept).extracting(Event::eventId).containsExactly("I2", "I5", "I9");
    assertThat(captured.leftOut()).isEqualTo(4);
  }
}
