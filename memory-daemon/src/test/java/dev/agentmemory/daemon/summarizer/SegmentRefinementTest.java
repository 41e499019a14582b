package dev.agentmemory.daemon.summarizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TokenCounter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closed segments are rewritten by the API summarizer later; the TOC never waits for it. */
class SegmentRefinementTest {
  private static final String ANSWER = """
      {"title": "Flaky checkout test fixed", "summary": "A clock dependency made the test flaky.",
       "bullets": ["The checkout test depended on the wall clock.", "A fixed Clock made it pass."],
       "keywords": ["CheckoutServiceTest", "Clock"]}""";

  @TempDir Path dir;

  @Test
  void shouldRewriteClosedSegmentsOnce_andStopWhenTheProviderFails() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"));
        FakeLlmServer server = new FakeLlmServer();
        TocBuilder builder = new TocBuilder(store, TocConfig.defaults(ZoneOffset.UTC), new LocalSummarizer(), new TokenCounter())) {
      long t = 1_767_600_000_000L; // 2026-01-05
      List<Event> events = List.of(
          event("a", t, EventRole.USER, "Please fix the flaky CheckoutServiceTest."),
          event("a", t + 60_000, EventRole.ASSISTANT, "It depended on the wall clock; a fixed Clock makes it pass."),
          event("b", t + 3_600_000, EventRole.USER, "Now upgrade the Gradle wrapper."));
      events.forEach(store.events()::append);
      builder.apply(events, OptionalLong.empty());
      UsageMeter meter = new UsageMeter(store.checkpoints(), 100_000, ZoneOffset.UTC, Clock.systemUTC());
      LlmSummarizer api = new LlmSummarizer(new OpenAiProvider(new HttpJson(Duration.ofSeconds(5)),
          server.baseUrl() + "/v1", "m", Optional.empty()), 0, meter);
      server.then(FakeLlmServer.Reply.ok(FakeLlmServer.openAiAnswer(ANSWER, 10, 10)))
          .then(new FakeLlmServer.Reply(500, Map.of(), "{}", 0));

      // when: the first segment is closed, the second not yet
      int first = builder.refineSegments(api, t + 30 * 60_000, 100);
      // then
      assertThat(first).isEqualTo(1);
      TocNode segment = store.toc().latestOfLevel(TocLevel.SEGMENT).stream()
          .filter(n -> n.title().equals("Flaky checkout test fixed")).findFirst().orElseThrow();
      assertThat(segment.bullets()).allSatisfy(b -> assertThat(store.toc().grip(b.gripIds().get(0))).isPresent());
      assertThat(store.toc().latest("toc:day:2026-01-05").orElseThrow().bullets())
          .extracting(b -> b.text()).contains("Flaky checkout test fixed");

      // when: everything is closed, but the provider fails
      assertThatThrownBy(() -> builder.refineSegments(api, t + 10 * 3_600_000, 100))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("HTTP 500");
      // then: the done one was not asked for again; the failure ends the run (the job retries later)
      assertThat(server.requests).hasSize(2);
      assertThat(store.tocIndex().rolledUpVersion(segment.nodeId())).isEqualTo(segment.version());
    }
  }

  private static Event event(String session, long ts, EventRole role, String text) {
    return new Event(UlidCreator.getMonotonicUlid().toString(), session, ts,
        (role == EventRole.USER ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE).number(), role.number(), text,
        Map.of(), "");
  }
}
