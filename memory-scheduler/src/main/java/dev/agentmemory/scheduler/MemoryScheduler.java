package dev.agentmemory.scheduler;

import dev.agentmemory.scheduler.quartz.QuartzEngine;
import dev.agentmemory.storage.JobState;
import dev.agentmemory.storage.JobStateStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's scheduled jobs: cron triggers (Quartz, in memory), state persisted in the store
 * (pause survives restarts), status with the real next fire time, manual runs, and a catch-up
 * run at start-up for each fire missed while the daemon was down.
 */
public final class MemoryScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryScheduler.class);

  private final Map<String, JobSpec> specs = new LinkedHashMap<>();
  private final ZoneId zone;
  private final Clock clock;
  private final JobRunner runner;
  private final QuartzEngine quartz;

  public MemoryScheduler(List<JobSpec> jobs, JobStateStore states, ZoneId zone, Clock clock) {
    jobs.forEach(job -> specs.put(job.name(), job));
    this.zone = zone;
    this.clock = clock;
    this.runner = new JobRunner(specs, states, clock);
    this.quartz = new QuartzEngine(fire -> runner.fire(fire.job(), fire.scheduledMs(), !fire.manual()));
  }

  /** Schedules every job and starts firing; missed fires run once, in the background. */
  public void start() {
    List<Runnable> catchUps = new ArrayList<>();
    for (JobSpec spec : specs.values()) {
      JobState state = runner.state(spec.name());
      quartz.schedule(spec.name(), spec.cron(), zone, state.paused());
      long missed = missedFire(spec, state);
      if (missed > 0 && !state.paused()) {
        LOG.info("Job {} missed its run at {} while the daemon was down; running it now", spec.name(), new Date(missed));
        catchUps.add(() -> runner.fire(spec.name(), missed, false));
      }
    }
    quartz.start();
    LOG.info("Scheduler started with jobs {} (time zone {})", specs.keySet(), zone);
    if (!catchUps.isEmpty()) {
      Thread catchUp = new Thread(() -> catchUps.forEach(Runnable::run), "memory-scheduler-catchup");
      catchUp.setDaemon(true);
      catchUp.start();
    }
  }

  public boolean isRunning() {
    return quartz.isStarted();
  }

  public List<JobStatus> status() {
    List<JobStatus> status = new ArrayList<>();
    for (JobSpec spec : specs.values()) {
      status.add(new JobStatus(spec.name(), spec.cron(), runner.state(spec.name()),
          quartz.nextFireMs(spec.name()).orElse(0L), runner.isRunning(spec.name())));
    }
    return status;
  }

  public void pause(String name) {
    known(name);
    runner.update(name, state -> state.withPaused(true));
    quartz.pause(name);
  }

  public void resume(String name) {
    known(name);
    runner.update(name, state -> state.withPaused(false));
    quartz.resume(name);
  }

  /** Starts a run now (in the background), whether or not the job is paused. */
  public void runNow(String name) {
    known(name);
    quartz.trigger(name);
  }

  /** Runs a job in this thread, as a manual run would (tests and catch-up use it). */
  public void runAndWait(String name) {
    known(name);
    runner.fire(name, 0, false);
  }

  public List<String> jobNames() {
    return List.copyOf(specs.keySet());
  }

  @Override
  public void close() {
    runner.stop();
    quartz.close();
  }

  private void known(String name) {
    if (!specs.containsKey(name)) {
      throw new UnknownJobException(name, specs.keySet());
    }
  }

  /** The latest fire after the last scheduled one that is already past (missed); else 0. */
  private long missedFire(JobSpec spec, JobState state) {
    try {
      CronExpression cron = new CronExpression(spec.cron());
      cron.setTimeZone(TimeZone.getTimeZone(zone));
      long now = clock.millis();
      long missed = 0;
      Date next = cron.getNextValidTimeAfter(new Date(state.lastScheduledMs()));
      while (next != null && next.getTime() <= now) {
        missed = next.getTime();
        next = cron.getNextValidTimeAfter(next);
      }
      return missed;
    } catch (ParseException e) {
      throw new IllegalArgumentException("Invalid cron expression for job " + spec.name() + ": " + spec.cron(), e);
    }
  }
}
