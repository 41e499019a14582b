package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.storage.Checkpoint;
import dev.agentmemory.storage.CheckpointStore;
import dev.agentmemory.storage.SummarizerUsage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Counts summarizer API use per day (requests, tokens sent and received as the provider reports
 * them, fallbacks to the local summarizer) in {@code checkpoints}, and enforces the daily token
 * budget.
 */
public final class UsageMeter {
  private final CheckpointStore checkpoints;
  private final long dailyTokenBudget;
  private final ZoneId zone;
  private final Clock clock;

  public UsageMeter(CheckpointStore checkpoints, long dailyTokenBudget, ZoneId zone, Clock clock) {
    this.checkpoints = checkpoints;
    this.dailyTokenBudget = dailyTokenBudget;
    this.zone = zone;
    this.clock = clock;
  }

  public long dailyTokenBudget() {
    return dailyTokenBudget;
  }

  /** Whether today's tokens are still under the budget. */
  public synchronized boolean allows() {
    return today().tokens() < dailyTokenBudget;
  }

  public synchronized SummarizerUsage today() {
    return read(checkpoints, LocalDate.now(clock.withZone(zone)));
  }

  synchronized void recordRequest(long inputTokens, long outputTokens) {
    SummarizerUsage usage = today();
    write(new SummarizerUsage(usage.requests() + 1, usage.inputTokens() + inputTokens, usage.outputTokens() + outputTokens,
        usage.fallbacks()));
  }

  synchronized void recordFallback() {
    SummarizerUsage usage = today();
    write(new SummarizerUsage(usage.requests(), usage.inputTokens(), usage.outputTokens(), usage.fallbacks() + 1));
  }

  /** A day's use as stored (all zero when none). */
  public static SummarizerUsage read(CheckpointStore checkpoints, LocalDate day) {
    return checkpoints.get(Checkpoint.summarizerUsage(day)).orElse(SummarizerUsage.NONE);
  }

  private void write(SummarizerUsage usage) {
    checkpoints.put(Checkpoint.summarizerUsage(LocalDate.now(clock.withZone(zone))), usage);
  }
}
