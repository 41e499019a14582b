package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TocRollupTest {
  @TempDir Path dir;

  private static List<Event> twoDays(TocFixture toc) {
    List<Event> events = new ArrayList<>();
    events.add(toc.event("a", "2026-02-10T09:00:00", EventRole.USER, "Please fix the flaky CheckoutServiceTest on CI."));
    events.add(toc.event("a", "2026-02-10T09:05:00", EventRole.ASSISTANT, "The test depends on the wall clock; I injected a fixed Clock and it passes."));
    events.add(toc.event("b", "2026-02-10T14:00:00", EventRole.USER, "Upgrade the Gradle wrapper in the payments service."));
    events.add(toc.event("b", "2026-02-10T14:10:00", EventRole.ASSISTANT, "Upgraded the Gradle wrapper to 8.10; the build passes."));
    events.add(toc.event("c", "2026-02-11T10:00:00", EventRole.USER, "Why is the orders endpoint slow since Monday?"));
    events.add(toc.event("c", "2026-02-11T10:20:00", EventRole.ASSISTANT, "A missing index on orders.customer_id makes every lookup a full scan."));
    return events;
  }

  private static TocRollup rollup(TocFixture toc, String now) {
    return new TocRollup(toc.store, toc.builder, new LocalSummarizer(), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  @Test
  void shouldSummarizeAClosedDayFromItsSegments_citingTheirGrips() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(twoDays(toc));

      // when: it is Feb 11, 12:00: Feb 10 is closed, Feb 11 is not
      int written = rollup(toc, "2026-02-11T12:00:00Z").run(TocLevel.DAY);

      // then
      assertThat(written).isEqualTo(1);
      TocNode day = toc.node("toc:day:2026-02-10");
      assertThat(day.title()).isEqualTo("Tuesday, February 10, 2026");
      assertThat(day.summary()).isNotBlank();
      assertThat(day.bullets()).isNotEmpty().allSatisfy(b -> assertThat(b.gripIds()).isNotEmpty());
      Set<String> segmentGrips = day.childNodeIds().stream()
          .flatMap(id -> toc.node(id).bullets().stream()).flatMap(b -> b.gripIds().stream()).collect(Collectors.toSet());
      assertThat(day.bullets()).allSatisfy(b -> assertThat(segmentGrips).containsAll(b.gripIds()));
      assertThat(toc.node("toc:day:2026-02-11").summary()).isNull();
    }
  }

  @Test
  void shouldDoNothingTheSecondTime_andRedoADayThatGotALateEvent() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(twoDays(toc));
      TocRollup rollup = rollup(toc, "2026-02-12T12:00:00Z");
      assertThat(rollup.run(TocLevel.DAY)).isEqualTo(2);
      int version = toc.node("toc:day:2026-02-10").version();

      // when / then: nothing changed, nothing to do
      assertThat(rollup.run(TocLevel.DAY)).isZero();
      assertThat(toc.node("toc:day:2026-02-10").version()).isEqualTo(version);

      // when: a late event for Feb 10
      toc.ingestAndBuild(List.of(toc.event("d", "2026-02-10T18:00:00", EventRole.USER,
          "Rotate the leaked Stripe webhook secret in the payments service.")));

      // then: the next run picks that day up again, and only it
      assertThat(rollup.run(TocLevel.DAY)).isEqualTo(1);
      TocNode day = toc.node("toc:day:2026-02-10");
      assertThat(day.version()).isGreaterThan(version);
      assertThat(day.childNodeIds()).hasSize(3);
      assertThat(day.summary()).isNotBlank();
    }
  }

  @Test
  void shouldResumeAfterACrash_withoutRewritingWhatWasDone() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(twoDays(toc));
      TocRollup rollup = rollup(toc, "2026-02-12T12:00:00Z");
      // given: a run that crashed after committing Feb 10 only (Feb 11 not yet written)
      rollup.run(TocLevel.DAY);
      int doneVersion = toc.node("toc:day:2026-02-10").version();
      toc.store.write(tx -> toc.store.tocIndex().putRolledUpVersion(tx, "toc:day:2026-02-11", 0));

      // when
      int written = rollup.run(TocLevel.DAY);

      // then
      assertThat(written).isEqualTo(1);
      assertThat(toc.node("toc:day:2026-02-10").version()).isEqualTo(doneVersion);
    }
  }

  @Test
  void shouldRollUpWeeksFromDays() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(twoDays(toc));
      TocRollup rollup = rollup(toc, "2026-02-20T12:00:00Z");
      rollup.run(TocLevel.DAY);

      assertThat(rollup.run(TocLevel.WEEK)).isEqualTo(1);

      TocNode week = toc.node("toc:week:2026:W07");
      assertThat(week.title()).isEqualTo("Week 7 of 2026");
      assertThat(week.summary()).isNotBlank();
      assertThat(week.bullets()).allSatisfy(b -> assertThat(b.gripIds()).isNotEmpty());
      assertThat(rollup.run(TocLevel.MONTH)).isZero(); // February is not over
    }
  }
}
