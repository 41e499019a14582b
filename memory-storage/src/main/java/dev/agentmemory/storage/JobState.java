package dev.agentmemory.storage;

/**
 * What the scheduler remembers of a job across restarts.
 *
 * @param lastScheduledMs the fire time of the last scheduled run (run or skipped): a later fire
 *     time that has passed when the daemon starts was missed and runs once at start-up
 * @param lastRunMs start of the last run, 0 if never
 * @param lastResult SUCCESS, FAILED or SKIPPED; empty if never run
 * @param lastError message of the last failure or skip reason, empty if none
 * @param runCount successful runs
 * @param errorCount failed runs
 */
public record JobState(
    boolean paused,
    long lastScheduledMs,
    long lastRunMs,
    long lastDurationMs,
    String lastResult,
    String lastError,
    long runCount,
    long errorCount) {

  public static JobState fresh(long nowMs) {
    return new JobState(false, nowMs, 0, 0, "", "", 0, 0);
  }

  public JobState withPaused(boolean value) {
    return new JobState(value, lastScheduledMs, lastRunMs, lastDurationMs, lastResult, lastError, runCount, errorCount);
  }

  public JobState withScheduled(long fireMs) {
    return new JobState(paused, Math.max(lastScheduledMs, fireMs), lastRunMs, lastDurationMs, lastResult, lastError,
        runCount, errorCount);
  }

  /** After a run that ended as {@code result} (SUCCESS counts as a run, FAILED as an error). */
  public JobState afterRun(long startMs, long durationMs, String result, String error) {
    return new JobState(paused, lastScheduledMs, startMs, durationMs, result, error,
        runCount + (result.equals("SUCCESS") ? 1 : 0), errorCount + (result.equals("FAILED") ? 1 : 0));
  }
}
