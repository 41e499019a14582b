package dev.agentmemory.scheduler;

import dev.agentmemory.storage.JobState;
import dev.agentmemory.storage.JobStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs and records what happened: a run never overlaps itself (an overlapping fire is
 * recorded as SKIPPED), successes and failures are counted, and the state is persisted after
 * every run so it survives restarts.
 */
final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final Map<String, JobSpec> specs;
  private final JobStateStore states;
  private final Clock clock;
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
  private final Object stateLock = new Object();
  private volatile boolean stopping;

  JobRunner(Map<String, JobSpec> specs, JobStateStore states, Clock clock) {
    this.specs = specs;
    this.states = states;
    this.clock = clock;
    specs.keySet().forEach(name -> running.put(name, new AtomicBoolean()));
  }

  /**
   * One fire of a job.
   *
   * @param scheduledMs the fire time for a scheduled or catch-up run, 0 for a manual one
   * @param jitter whether to wait a random part of the job's jitter first
   */
  void fire(String name, long scheduledMs, boolean jitter) {
    JobSpec spec = specs.get(name);
    if (scheduledMs > 0) {
      update(name, state -> state.withScheduled(scheduledMs));
    }
    AtomicBoolean busy = running.get(name);
    if (!busy.compareAndSet(false, true)) {
      LOG.info("Skipped job {}: its previous run is still running", name);
      long now = clock.millis();
      update(name, state -> state.afterRun(now, 0, "SKIPPED", "overlap: the previous run was still running"));
      return;
    }
    try {
      if (jitter && !spec.maxJitter().isZero()) {
        sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(spec.maxJitter().toMillis() + 1)));
      }
      if (stopping) {
        return;
      }
      long start = clock.millis();
      long startNanos = System.nanoTime();
      try {
        spec.task().run();
        long duration = (System.nanoTime() - startNanos) / 1_000_000;
        update(name, state -> state.afterRun(start, duration, "SUCCESS", ""));
        LOG.info("Job {} succeeded in {} ms", name, duration);
      } catch (Exception e) {
        long duration = (System.nanoTime() - startNanos) / 1_000_000;
        LOG.warn("Expected to run job {}, but it failed", name, e);
        update(name, state -> state.afterRun(start, duration, "FAILED", String.valueOf(e.getMessage())));
      }
    } finally {
      busy.set(false);
    }
  }

  boolean isRunning(String name) {
    return running.get(name).get();
  }

  JobState state(String name) {
    synchronized (stateLock) {
      return states.get(name).orElseGet(() -> {
        JobState fresh = JobState.fresh(clock.millis());
        states.put(name, fresh);
        return fresh;
      });
    }
  }

  void update(String name, UnaryOperator<JobState> change) {
    synchronized (stateLock) {
      states.put(name, change.apply(state(name)));
    }
  }

  void stop() {
    stopping = true;
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }
}
