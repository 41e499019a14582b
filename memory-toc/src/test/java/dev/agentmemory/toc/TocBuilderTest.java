package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TocBuilderTest {
  @TempDir Path dir;

  /** Two sessions side by side over a week that spans December and January (ISO week 2026-W01). */
  private List<Event> twoSessionsAcrossTheYear(TocFixture toc) {
    List<Event> events = new ArrayList<>();
    events.add(toc.event("a", "2025-12-31T23:40:00", EventRole.USER, "Please fix the invoice rounding bug in InvoiceService."));
    events.add(toc.event("b", "2025-12-31T23:45:00", EventRole.USER, "Can you upgrade the Gradle wrapper in the payments repo?"));
    events.add(toc.event("a", "2025-12-31T23:50:00", EventRole.ASSISTANT, "The rounding error comes from using double for money in InvoiceService.total()."));
    events.add(toc.event("b", "2025-12-31T23:55:00", EventRole.ASSISTANT, "I upgraded the Gradle wrapper to 8.10 and the build passes."));
    events.add(toc.event("a", "2026-01-01T00:10:00", EventRole.ASSISTANT, "I changed InvoiceService to use BigDecimal and the invoice tests pass now."));
    events.add(toc.event("a", "2026-01-02T09:00:00", EventRole.USER, "Now add a regression test for the invoice rounding fix."));
    events.add(toc.event("a", "2026-01-02T09:05:00", EventRole.ASSISTANT, "Added InvoiceRoundingTest covering half-up rounding of invoice totals."));
    return events;
  }

  @Test
  void shouldBuildTheWholeHierarchy_withEveryDayUnderItsCalendarMonthAndYear() {
    try (TocFixture toc = new TocFixture(dir)) {
      // given / when
      List<Event> events = twoSessionsAcrossTheYear(toc);
      toc.ingestAndBuild(events);

      // then: both years, newest first
      assertThat(toc.query.root()).extracting(TocNode::nodeId).containsExactly("toc:year:2026", "toc:year:2025");
      assertThat(toc.node("toc:year:2025").childNodeIds()).containsExactly("toc:month:2025:12");
      assertThat(toc.node("toc:year:2026").childNodeIds()).containsExactly("toc:month:2026:01");
      // the week that spans the two months is a child of both
      assertThat(toc.node("toc:month:2025:12").childNodeIds()).containsExactly("toc:week:2026:W01");
      assertThat(toc.node("toc:month:2026:01").childNodeIds()).containsExactly("toc:week:2026:W01");
      assertThat(toc.node("toc:week:2026:W01").childNodeIds())
          .containsExactly("toc:day:2025-12-31", "toc:day:2026-01-01", "toc:day:2026-01-02");
      // titles come from the ids
      assertThat(toc.node("toc:year:2026").title()).isEqualTo("2026");
      assertThat(toc.node("toc:month:2025:12").title()).isEqualTo("December 2025");
      assertThat(toc.node("toc:week:2026:W01").title()).isEqualTo("Week 1 of 2026");
      assertThat(toc.node("toc:day:2025-12-31").title()).isEqualTo("Wednesday, December 31, 2025");
      // session a crosses midnight: its segment is cut at the day boundary
      assertThat(toc.node("toc:day:2025-12-31").childNodeIds()).hasSize(2);
      assertThat(toc.node("toc:day:2026-01-01").childNodeIds()).hasSize(1);

      // and every event lies in a segment of its own day
      for (Event event : events) {
        String day = "toc:day:" + LocalDate.ofInstant(Instant.ofEpochMilli(event.timestampMs()), TocFixture.ZONE);
        assertThat(toc.node(day).childNodeIds())
            .as("event at %d", event.timestampMs())
            .anySatisfy(id -> {
              TocNode segment = toc.node(id);
              assertThat(event.timestampMs()).isBetween(segment.startTimeMs(), segment.endTimeMs());
            });
      }
    }
  }

  @Test
  void shouldGiveEveryBulletAGripThatExpandsToItsEvents() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(twoSessionsAcrossTheYear(toc));

      for (String segmentId : toc.node("toc:day:2026-01-02").childNodeIds()) {
        TocNode segment = toc.node(segmentId);
        assertThat(segment.level()).isEqualTo(TocLevel.SEGMENT);
        assertThat(segment.bullets()).isNotEmpty();
        assertThat(segment.keywords()).isNotEmpty();
        for (var bullet : segment.bullets()) {
          assertThat(bullet.gripIds()).isNotEmpty();
          TocQuery.GripExpansion expansion = toc.query.expand(bullet.gripIds().get(0), 3, 3).orElseThrow();
          Grip grip = expansion.grip();
          assertThat(grip.gripId()).matches("grip:\\d{13}:[0-9A-Z]{26}");
          assertThat(grip.source()).isEqualTo(segmentId);
          assertThat(expansion.excerpt()).extracting(Event::eventId).contains(grip.eventIdStart());
          assertThat(expansion.excerpt().get(0).text()).contains(grip.excerpt());
        }
      }
    }
  }

  @Test
  void shouldBuildTheSameToc_whateverTheBatching() {
    Map<String, TocNode> allAtOnce;
    Map<String, TocNode> oneByOne;
    List<Event> events;
    try (TocFixture toc = new TocFixture(dir.resolve("a"))) {
      events = twoSessionsAcrossTheYear(toc);
      toc.ingestAndBuild(events);
      allAtOnce = toc.snapshot();
    }
    try (TocFixture toc = new TocFixture(dir.resolve("b"))) {
      for (Event event : events) {
        toc.ingestAndBuild(List.of(event));
      }
      oneByOne = toc.snapshot();
    }

    assertThat(oneByOne).isEqualTo(allAtOnce);
  }

  /** Five conversations interleaved in time over two days, with varied vocabulary. */
  private static List<Event> fiveInterleavedConversations(TocFixture toc) {
    String[] topics = {"invoice rounding in the BillingService", "OAuth token refresh in the gateway",
        "flaky Kafka consumer rebalance test", "Postgres migration adding the vat_rate column",
        "React checkout form validation"};
    String[] moves = {"I think %s fails because of a null customer.", "Let me check the logs around %s first.",
        "We decided to keep %s behind a feature flag.", "The stack trace points into %s again.",
        "Fixed %s and added a regression test.", "Can you explain why %s needs a retry?"};
    Random random = new Random(11);
    List<Event> events = new ArrayList<>();
    long start = LocalDateTime.parse("2026-03-02T09:00").atZone(TocFixture.ZONE).toInstant().toEpochMilli();
    for (int i = 0; i < 150; i++) {
      int conversation = i % topics.length;
      long ts = start + i * 7 * 60_000L + (i / 75) * 24 * 3_600_000L;
      String text = String.format(moves[random.nextInt(moves.length)], topics[conversation]) + " word" + random.nextInt(40);
      events.add(toc.event("conversation-" + conversation, ts, i % 2 == 0 ? EventRole.USER : EventRole.ASSISTANT,
          EventType.USER_MESSAGE, text));
    }
    return events;
  }

  @Test
  void shouldBuildTheSameToc_whateverTheArrivalOrder_andAcrossARestart() {
    // given: the events in time order, built at once
    Map<String, TocNode> inOrder;
    List<Event> events;
    try (TocFixture toc = new TocFixture(dir.resolve("ordered"))) {
      events = fiveInterleavedConversations(toc);
      toc.ingestAndBuild(events);
      inOrder = toc.snapshot();
    }

    // when: the same events arrive shuffled, in batches of any size, with a restart half-way
    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(3));
    Random sizes = new Random(5);
    Map<String, TocNode> shuffledBuild;
    int next = 0;
    try (TocFixture toc = new TocFixture(dir.resolve("shuffled"))) {
      while (next < shuffled.size() / 2) {
        int end = Math.min(shuffled.size(), next + 1 + sizes.nextInt(20));
        toc.ingestAndBuild(shuffled.subList(next, end));
        next = end;
      }
    }
    try (TocFixture toc = new TocFixture(dir.resolve("shuffled"))) {
      while (next < shuffled.size()) {
        int end = Math.min(shuffled.size(), next + 1 + sizes.nextInt(20));
        toc.ingestAndBuild(shuffled.subList(next, end));
        next = end;
      }
      shuffledBuild = toc.snapshot();
    }

    // then: every node the same: titles, bullets, keywords, summaries
    assertThat(shuffledBuild.keySet()).isEqualTo(inOrder.keySet());
    assertThat(shuffledBuild).isEqualTo(inOrder);
  }

  @Test
  void shouldChangeNothing_whenTheSameEventsAreAppliedAgain() {
    try (TocFixture toc = new TocFixture(dir)) {
      List<Event> events = twoSessionsAcrossTheYear(toc);
      toc.ingestAndBuild(events);
      Map<String, Integer> versions = versions(toc);

      int added = toc.builder.apply(events, OptionalLong.empty());

      assertThat(added).isZero();
      assertThat(versions(toc)).isEqualTo(versions);
    }
  }

  @Test
  void shouldPutALateEventIntoItsPastDay_andUpdateTheParents() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(twoSessionsAcrossTheYear(toc));
      int weekVersion = toc.node("toc:week:2026:W01").version();

      // when: an import of an older conversation arrives later
      Event late = toc.event("c", "2025-12-30T15:00:00", EventRole.USER, "Why does the deploy pipeline time out on staging?");
      toc.ingestAndBuild(List.of(late));

      // then
      assertThat(toc.node("toc:week:2026:W01").childNodeIds()).startsWith("toc:day:2025-12-30");
      assertThat(toc.node("toc:week:2026:W01").version()).isGreaterThan(weekVersion);
      TocNode day = toc.node("toc:day:2025-12-30");
      assertThat(day.childNodeIds()).hasSize(1);
      assertThat(toc.node(day.childNodeIds().get(0)).title()).containsIgnoringCase("deploy pipeline");
    }
  }

  @Test
  void shouldStartANewSegment_afterAGapASessionEndOrTheTokenBudget() {
    try (TocFixture toc = new TocFixture(dir, new TocConfig(TocFixture.ZONE, Duration.ofMinutes(30), 60,
        Duration.ofMinutes(5), 500, 2000))) {
      long t0 = LocalDateTime.parse("2026-03-03T10:00:00").atZone(TocFixture.ZONE).toInstant().toEpochMilli();
      long minute = 60_000;
      String words = "the cache layer keeps stale entries after a deploy of the service ";
      List<Event> events = List.of(
          toc.event("s", t0, EventRole.USER, EventType.USER_MESSAGE, "Investigate the stale cache entries."),
          toc.event("s", t0 + minute, EventRole.ASSISTANT, EventType.ASSISTANT_MESSAGE, "Looking at the cache layer now."),
          // 31 minutes later: a gap
          toc.event("s", t0 + 32 * minute, EventRole.USER, EventType.USER_MESSAGE, "Back again: check the cache TTL."),
          toc.event("s", t0 + 33 * minute, EventRole.SYSTEM, EventType.SESSION_END, "session ended"),
          // right after a session end
          toc.event("s", t0 + 34 * minute, EventRole.USER, EventType.USER_MESSAGE, "New session about the cache."),
          // over the 60-token budget
          toc.event("s", t0 + 35 * minute, EventRole.ASSISTANT, EventType.ASSISTANT_MESSAGE, words.repeat(8)));

      toc.ingestAndBuild(events);

      List<String> segments = toc.node("toc:day:2026-03-03").childNodeIds();
      assertThat(segments).hasSize(4);
      assertThat(segments.get(0)).endsWith(events.get(0).eventId());
      assertThat(segments.get(1)).endsWith(events.get(2).eventId());
      assertThat(segments.get(2)).endsWith(events.get(4).eventId());
      assertThat(segments.get(3)).endsWith(events.get(5).eventId());
    }
  }

  private static Map<String, Integer> versions(TocFixture toc) {
    Map<String, Integer> versions = new TreeMap<>();
    for (String id : toc.store.toc().linkedIds()) {
      versions.put(id, toc.store.toc().lastVersion(id));
    }
    return versions;
  }
}
