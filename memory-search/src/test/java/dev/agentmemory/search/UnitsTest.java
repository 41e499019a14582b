package dev.agentmemory.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitsTest {
  private static Event event(String id, EventRole role, int type, String text) {
    return new Event(id, "s1", 1_795_000_000_000L, type, role.number(), text, Map.of("tool_name", "Bash"), "claude");
  }

  @Test
  void shouldPutTheTurnBeforeOnTheFirstChunkOnly_andCutItShort() {
    // given: a long tool output after a question longer than a context keeps
    String output = String.join(" ", Collections.nCopies(400, "line"));
    Event question = event("01A", EventRole.USER, EventType.USER_MESSAGE.number(), "why   does\n\nthe build fail? "
        + "x".repeat(1_000));
    Event tool = event("01B", EventRole.TOOL, EventType.TOOL_RESULT.number(), output);

    // when
    List<Unit> units = new Units(ZoneOffset.UTC).of(tool, Optional.of(question), "toc:segment:x");

    // then: several chunks, the context on the first only, whitespace flattened and cut to 300 characters
    assertThat(units).hasSizeGreaterThan(3);
    assertThat(units.get(0).context()).startsWith("\nBefore, User: why does the build fail? xxx").endsWith("x...");
    assertThat(units.get(0).context()).hasSize("\nBefore, User: ".length() + 300 + "...".length());
    assertThat(units.subList(1, units.size())).allSatisfy(unit -> assertThat(unit.context()).isEmpty());
  }
}
