package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.storage.Checkpoint;
import dev.agentmemory.storage.TocNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TocRebuilderTest {
  @TempDir Path dir;

  private static List<Event> threeDaysOfWork(TocFixture toc) {
    List<Event> events = new ArrayList<>();
    String[] topics = {"invoice rounding in InvoiceService", "Gradle wrapper upgrade", "flaky PaymentGatewayTest"};
    for (int day = 0; day < 3; day++) {
      for (int i = 0; i < 12; i++) {
        String time = String.format("2026-02-%02dT%02d:%02d:00", 10 + day, 9 + i / 6, (i % 6) * 7);
        String session = "s" + day + (i % 2);
        EventRole role = i % 2 == 0 ? EventRole.USER : EventRole.ASSISTANT;
        events.add(toc.event(session, time, role,
            "Step " + i + " on " + topics[(day + i) % 3] + ": we looked at the logs and changed the config."));
      }
    }
    return events;
  }

  @Test
  void shouldRebuildExactlyWhatLiveBuildingBuilt() {
    try (TocFixture toc = new TocFixture(dir)) {
      // given: built live, in small steps
      List<Event> events = threeDaysOfWork(toc);
      for (int i = 0; i < events.size(); i += 5) {
        toc.ingestAndBuild(events.subList(i, Math.min(events.size(), i + 5)));
      }
      Map<String, TocNode> live = toc.snapshot();
      List<TocRebuilder.Progress> progress = new ArrayList<>();

      // when
      TocRebuilder.Plan plan = new TocRebuilder(toc.store, toc.builder).rebuild(Optional.empty(), progress::add);

      // then
      assertThat(plan.events()).isEqualTo(events.size());
      assertThat(progress).last().extracting(TocRebuilder.Progress::done).isEqualTo((long) events.size());
      assertThat(progress).first().extracting(TocRebuilder.Progress::done).isEqualTo(0L);
      assertThat(toc.snapshot()).isEqualTo(live);
      assertThat(toc.store.checkpoints().get(Checkpoint.TOC_REBUILD_FROM)).isEmpty();
    }
  }

  @Test
  void shouldRebuildFromADate_andGiveTheSameToc() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(threeDaysOfWork(toc));
      Map<String, TocNode> before = toc.snapshot();
      TocRebuilder rebuilder = new TocRebuilder(toc.store, toc.builder);

      // when
      TocRebuilder.Plan dryRun = rebuilder.plan(Optional.of(LocalDate.parse("2026-02-11")));
      rebuilder.rebuild(Optional.of(LocalDate.parse("2026-02-11")), p -> {});

      // then
      assertThat(dryRun.events()).isEqualTo(24);
      assertThat(toc.snapshot()).isEqualTo(before);
    }
  }

  @Test
  void shouldFinishARebuildThatACrashInterrupted() {
    try (TocFixture toc = new TocFixture(dir)) {
      toc.ingestAndBuild(threeDaysOfWork(toc));
      Map<String, TocNode> before = toc.snapshot();
      // given: a crash right after a full rebuild cleared the TOC
      toc.store.write(tx -> {
        toc.store.checkpoints().put(tx, Checkpoint.TOC_REBUILD_FROM, 0L);
        toc.store.tocIndex().clear(tx);
        toc.store.toc().linkedIds().forEach(id -> toc.store.toc().unlink(tx, id));
      });
      assertThat(toc.query.root()).isEmpty();

      // when
      boolean resumed = new TocRebuilder(toc.store, toc.builder).resumeIfInterrupted(p -> {});

      // then
      assertThat(resumed).isTrue();
      assertThat(toc.snapshot()).isEqualTo(before);
    }
  }
}
