package dev.agentmemory.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.storage.JobState;
import dev.agentmemory.storage.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;

class MemorySchedulerTest {
  private static final String DAILY = "0 0 1 * * ?";
  private static final ZoneId ZONE = ZoneOffset.UTC;

  @TempDir Path dir;
  private MemoryStore store;
  private MemoryScheduler scheduler;
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeEach
  void open() {
    store = MemoryStore.open(dir.resolve("db"));
  }

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    store.close();
  }

  private MemoryScheduler scheduler(Clock clock, JobTask task) {
    scheduler = new MemoryScheduler(
        List.of(new JobSpec("toc_rollup_day", DAILY, Duration.ZERO, "test", task)), store.jobs(), ZONE, clock);
    return scheduler;
  }

  private JobStatus status() {
    return scheduler.status().get(0);
  }

  @Test
  void shouldCountSuccessesAndFailuresSeparately_andKeepTheLastError() {
    // given
    AtomicInteger attempt = new AtomicInteger();
    scheduler(Clock.systemUTC(), () -> {
      if (attempt.incrementAndGet() == 2) {
        throw new IllegalStateException("disk full");
      }
    }).start();

    // when
    scheduler.runAndWait("toc_rollup_day");
    scheduler.runAndWait("toc_rollup_day");

    // then
    JobState state = status().state();
    assertThat(state.runCount()).isEqualTo(1);
    assertThat(state.errorCount()).isEqualTo(1);
    assertThat(state.lastResult()).isEqualTo("FAILED");
    assertThat(state.lastError()).isEqualTo("disk full");
    assertThat(state.lastRunMs()).isPositive();
  }

  @Test
  void shouldSkipAFireThatWouldOverlapARunningOne() throws Exception {
    // given: a run that blocks
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    scheduler(Clock.systemUTC(), () -> {
      started.countDown();
      release.await(10, TimeUnit.SECONDS);
    }).start();
    scheduler.runNow("toc_rollup_day");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(status().running()).isTrue();

    // when
    scheduler.runAndWait("toc_rollup_day");

    // then
    assertThat(status().state().lastResult()).isEqualTo("SKIPPED");
    assertThat(status().state().lastError()).contains("overlap");
    release.countDown();
  }

  @Test
  void shouldKeepAPauseAcrossARestart() {
    // given
    scheduler(Clock.systemUTC(), runs::incrementAndGet).start();
    scheduler.pause("toc_rollup_day");
    scheduler.close();

    // when
    scheduler(Clock.systemUTC(), runs::incrementAndGet).start();

    // then
    assertThat(status().state().paused()).isTrue();
    scheduler.resume("toc_rollup_day");
    assertThat(status().state().paused()).isFalse();
  }

  @Test
  void shouldRunAMissedFireOnceAtStartUp() throws Exception {
    // given: the last scheduled fire was three days ago (the daemon was down since)
    Instant now = Instant.parse("2026-03-10T12:00:00Z");
    store.jobs().put("toc_rollup_day", JobState.fresh(now.minus(Duration.ofDays(3)).toEpochMilli()));
    CountDownLatch ran = new CountDownLatch(1);

    // when
    scheduler(Clock.fixed(now, ZONE), () -> {
      runs.incrementAndGet();
      ran.countDown();
    }).start();

    // then: one run, and the newest missed fire is recorded, so a restart does not run it again
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);
    assertThat(runs).hasValue(1);
    assertThat(store.jobs().get("toc_rollup_day").orElseThrow().lastScheduledMs())
        .isEqualTo(Instant.parse("2026-03-10T01:00:00Z").toEpochMilli());
  }

  @Test
  void shouldReportTheRealNextFireTime() throws Exception {
    scheduler(Clock.systemUTC(), runs::incrementAndGet).start();

    CronExpression cron = new CronExpression(DAILY);
    cron.setTimeZone(TimeZone.getTimeZone(ZONE));
    long expected = cron.getNextValidTimeAfter(new Date()).getTime();
    assertThat(status().nextRunMs()).isEqualTo(expected);
    assertThat(scheduler.isRunning()).isTrue();
  }

  @Test
  void shouldNameTheKnownJobs_whenAskedForAnUnknownOne() {
    scheduler(Clock.systemUTC(), runs::incrementAndGet).start();

    assertThatThrownBy(() -> scheduler.pause("toc_rollup_daily"))
        .isInstanceOf(UnknownJobException.class)
        .hasMessageContaining("toc_rollup_daily")
        .hasMessageContaining("toc_rollup_day");
  }
}
