package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.summarizer.Summarizers;
import dev.agentmemory.daemon.summarizer.UsageMeter;
import dev.agentmemory.domain.StoreStats;
import dev.agentmemory.scheduler.UnknownJobException;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.toc.TocRollup;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Maintenance of a store, the same whether the daemon does it (admin RPCs) or the CLI does it with
 * the daemon stopped.
 */
public final class AdminService {
  private final MemoryStore store;
  private final String summarizer;
  private final UsageMeter meter;

  /** @param summarizer provider and model, for people */
  public AdminService(MemoryStore store, String summarizer, UsageMeter meter) {
    this.store = store;
    this.summarizer = summarizer;
    this.meter = meter;
  }

  public AdminService(MemoryStore store, Summarizers.Selection summarizers) {
    this(store, summarizers.description(), summarizers.meter());
  }

  /** For the CLI with the daemon stopped: the configured summarizer, today's use as stored. */
  public static AdminService offline(MemoryStore store, DaemonConfig config) {
    return new AdminService(store, config.summarizer().provider(), new UsageMeter(store.checkpoints(),
        config.summarizer().dailyTokenBudget(), config.toc().zone(), Clock.systemUTC()));
  }

  /** How many secrets ingest has redacted in this store. */
  public long redactions() {
    return store.events().redactions();
  }

  /** The summarizer in use and its API use today. */
  public SummarizerUsage summarizerUsage() {
    dev.agentmemory.storage.SummarizerUsage today = meter.today();
    return new SummarizerUsage(summarizer, today.requests(), today.inputTokens(), today.outputTokens(),
        today.fallbacks(), meter.dailyTokenBudget());
  }

  /** What {@code admin stats} shows of the summarizer. */
  public record SummarizerUsage(
      String summarizer, long requests, long inputTokens, long outputTokens, long fallbacks, long dailyTokenBudget) {}

  public StoreStats stats() {
    return store.stats();
  }

  /** Compacts the named column family, or all when {@code name} is empty; returns which. */
  public List<String> compact(String name) {
    return store.compact(name);
  }

  /** Clears a job's checkpoint; returns what was cleared, for people. */
  public String resetCheckpoint(String job) {
    if (!MaintenanceJobs.NAMES.contains(job)) {
      throw new UnknownJobException(job, MaintenanceJobs.NAMES);
    }
    return MaintenanceJobs.checkpointLevel(job)
        .map(level -> {
          TocRollup.reset(store, level);
          String period = level.name().toLowerCase(Locale.ROOT);
          return "Cleared the checkpoint of " + job + ": every closed " + period
              + (level == TocLevel.SEGMENT ? " is summarized again" : " rolls up again")
              + " at its next run.";
        })
        .orElse(job + " keeps no checkpoint; nothing to clear.");
  }

}
