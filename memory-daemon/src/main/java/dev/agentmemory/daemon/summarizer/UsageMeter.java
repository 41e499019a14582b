package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.storage.CheckpointStore;
import dev.agentmemory.storage.rocksdb.BinaryReader;
import dev.agentmemory.storage.rocksdb.BinaryWriter;
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

  /** One day's use. */
  public record Usage(long requests, long inputTokens, long outputTokens, long fallbacks) {
    public long tokens() {
      return inputTokens + outputTokens;
    }
  }

  public long dailyTokenBudget() {
    return dailyTokenBudget;
  }

  /** Whether today's tokens are still under the budget. */
  public synchronized boolean allows() {
    return today().tokens() < dailyTokenBudget;
  }

  public synchronized Usage today() {
    return read(checkpoints, LocalDate.now(clock.withZone(zone)));
  }

  synchronized void recordRequest(long inputTokens, long outputTokens) {
    Usage usage = today();
    write(new Usage(usage.requests() + 1, usage.inputTokens() + inputTokens, usage.outputTokens() + outputTokens,
        usage.fallbacks()));
  }

  synchronized void recordFallback() {
    Usage usage = today();
    write(new Usage(usage.requests(), usage.inputTokens(), usage.outputTokens(), usage.fallbacks() + 1));
  }

  /** A day's use as stored (all zero when none). */
  public static Usage read(CheckpointStore checkpoints, LocalDate day) {
    return checkpoints.get(key(day)).map(bytes -> {
      BinaryReader reader = new BinaryReader(bytes);
      return new Usage(reader.readLong(), reader.readLong(), reader.readLong(), reader.readLong());
    }).orElse(new Usage(0, 0, 0, 0));
  }

  private void write(Usage usage) {
    checkpoints.put(key(LocalDate.now(clock.withZone(zone))), new BinaryWriter(32)
        .writeLong(usage.requests()).writeLong(usage.inputTokens()).writeLong(usage.outputTokens())
        .writeLong(usage.fallbacks()).toByteArray());
  }

  private static String key(LocalDate day) {
    return "summarizer.usage." + day;
  }
}
