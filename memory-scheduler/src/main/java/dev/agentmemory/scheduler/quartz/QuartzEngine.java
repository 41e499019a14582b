package dev.agentmemory.scheduler.quartz;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz behind a small surface: cron triggers in memory (RAMJobStore), two named threads that
 * sleep until a job fires ({@link QuietThreadPool}), one
 * generic job class that hands every fire to a callback. Quartz 2.5 has no update check; it makes
 * no network calls.
 */
public final class QuartzEngine implements AutoCloseable {
  private static final String MANUAL = "manual";

  /** A fire: scheduled (with its fire time) or manual. */
  public record Fire(String job, long scheduledMs, boolean manual) {}

  /** Receives every fire, on a scheduler thread. */
  @FunctionalInterface
  public interface FireHandler {
    void fire(Fire fire);
  }

  private final Scheduler scheduler;

  public QuartzEngine(FireHandler handler) {
    Properties properties = new Properties();
    // Quartz keeps schedulers in a process-wide repository by name: one name per engine.
    properties.setProperty("org.quartz.scheduler.instanceName", "memory-scheduler-" + UUID.randomUUID());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty("org.quartz.threadPool.class", QuietThreadPool.class.getName());
    // How far ahead the scheduler thread takes triggers, hence how often an idle one wakes (30 s by
    // default); a new, paused or resumed trigger wakes it at once anyway.
    properties.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(Duration.ofMinutes(5).toMillis()));
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    try {
      scheduler = new StdSchedulerFactory(properties).getScheduler();
      scheduler.setJobFactory((bundle, owner) -> new FireJob(handler));
    } catch (SchedulerException e) {
      throw new IllegalStateException("Expected to create the Quartz scheduler, but " + e.getMessage(), e);
    }
  }

  /** Adds a job with its cron trigger; a paused job's trigger does not fire until resumed. */
  public void schedule(String name, String cron, ZoneId zone, boolean paused) {
    JobDetail job = JobBuilder.newJob(FireJob.class).withIdentity(name).storeDurably().build();
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(name)
        .forJob(job)
        .withSchedule(CronScheduleBuilder.cronSchedule(cron)
            .inTimeZone(TimeZone.getTimeZone(zone))
            // Missed fires are caught up by the scheduler itself, once, at start-up.
            .withMisfireHandlingInstructionDoNothing())
        .build();
    call(() -> {
      scheduler.scheduleJob(job, trigger);
      if (paused) {
        scheduler.pauseJob(JobKey.jobKey(name));
      }
    });
  }

  public void start() {
    call(scheduler::start);
  }

  public boolean isStarted() {
    try {
      return scheduler.isStarted() && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  public void pause(String name) {
    call(() -> scheduler.pauseJob(JobKey.jobKey(name)));
  }

  public void resume(String name) {
    call(() -> scheduler.resumeJob(JobKey.jobKey(name)));
  }

  /** Fires a job now, outside its schedule. */
  public void trigger(String name) {
    call(() -> scheduler.triggerJob(JobKey.jobKey(name), new JobDataMap(Map.of(MANUAL, true))));
  }

  /** The next time the cron trigger fires. */
  public Optional<Long> nextFireMs(String name) {
    try {
      Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(name));
      return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::getTime);
    } catch (SchedulerException e) {
      return Optional.empty();
    }
  }

  /** Stops firing and waits for running jobs to finish (the store closes after this). */
  @Override
  public void close() {
    call(() -> scheduler.shutdown(true));
  }

  private static void call(QuartzCall call) {
    try {
      call.run();
    } catch (SchedulerException e) {
      throw new IllegalStateException("Expected Quartz to accept the call, but " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface QuartzCall {
    void run() throws SchedulerException;
  }

  /** The one Quartz job class: hands the fire over. Made by the job factory with its handler. */
  static final class FireJob implements Job {
    private final FireHandler handler;

    FireJob(FireHandler handler) {
      this.handler = handler;
    }

    @Override
    public void execute(JobExecutionContext context) {
      boolean manual = context.getMergedJobDataMap().containsKey(MANUAL);
      Date scheduled = context.getScheduledFireTime();
      handler.fire(new Fire(context.getJobDetail().getKey().getName(),
          manual || scheduled == null ? 0 : scheduled.getTime(), manual));
    }
  }
}
