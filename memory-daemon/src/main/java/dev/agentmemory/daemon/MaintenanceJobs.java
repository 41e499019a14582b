package dev.agentmemory.daemon;

import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.scheduler.JobSpec;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.toc.Summarizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The daemon's scheduled jobs: TOC rollups of closed periods, RocksDB compaction and backups, of every store. */
public final class MaintenanceJobs {
  private static final Map<String, TocLevel> ROLLUPS = Map.of(
      "toc_rollup_day", TocLevel.DAY,
      "toc_rollup_week", TocLevel.WEEK,
      "toc_rollup_month", TocLevel.MONTH,
      "toc_rollup_year", TocLevel.YEAR);
  /** Name of the compaction job. */
  public static final String COMPACTION = "rocksdb_compaction";
  /** Name of the job that backs up every store. */
  public static final String BACKUP = "backup";
  /** Name of the job that rewrites closed segments with an API summarizer. */
  public static final String SEGMENT_SUMMARIES = "segment_summaries";
  private static final List<String> ALWAYS =
      List.of("toc_rollup_day", "toc_rollup_week", "toc_rollup_month", "toc_rollup_year", COMPACTION);
  /** Every job there can be, in the order status lists them. */
  public static final List<String> NAMES = Stream.concat(ALWAYS.stream(), Stream.of(
      BACKUP, SEGMENT_SUMMARIES)).toList();

  private MaintenanceJobs() {}

  /** The level a rollup job rolls up; empty for other jobs. */
  public static Optional<TocLevel> rollupLevel(String job) {
    return Optional.ofNullable(ROLLUPS.get(job));
  }

  /**
   * The level whose "already summarized" markers are a job's checkpoint: a rollup's level, or
   * segments for {@code segment_summaries}; empty for jobs without a checkpoint.
   */
  public static Optional<TocLevel> checkpointLevel(String job) {
    return job.equals(SEGMENT_SUMMARIES) ? Optional.of(TocLevel.SEGMENT) : rollupLevel(job);
  }

  // An API summarizer rewrites at most this many segments a run, so a backlog spreads over runs.
  private static final int SEGMENTS_PER_RUN = 100;

  /**
   * The jobs, each working on every store; {@code segment_summaries} only when an API summarizer is
   * configured.
   *
   * @param api the API summarizer, if any
   */
  public static List<JobSpec> specs(DaemonConfig config, Projects projects, Optional<Summarizer> api, Clock clock) {
    List<JobSpec> specs = new ArrayList<>();
    for (String name : ALWAYS) {
      String cron = config.schedules().get(name);
      Optional<TocLevel> level = rollupLevel(name);
      if (level.isPresent()) {
        specs.add(new JobSpec(name, cron, Duration.ofMinutes(5),
            "Summarizes each closed " + level.get().name().toLowerCase(Locale.ROOT) + " from its children",
            () -> onEveryStore(projects, store -> store.rollup().run(level.get()))));
      } else {
        specs.add(new JobSpec(name, cron, Duration.ofMinutes(10), "Compacts every column family",
            () -> onEveryStore(projects, store -> store.store().compact(""))));
      }
    }
    specs.add(new JobSpec(BACKUP, config.schedules().get(BACKUP), Duration.ofMinutes(10),
        "Backs up every store to " + config.backup().dir() + " (keeps " + config.backup().keep() + ")",
        () -> Backups.create(projects.all(), config.backup().dir(), config.backup().keep(), clock)));
    api.ifPresent(summarizer -> specs.add(new JobSpec(SEGMENT_SUMMARIES, config.schedules().get(SEGMENT_SUMMARIES),
        Duration.ZERO, "Rewrites closed segments with the API summarizer",
        () -> onEveryStore(projects, store -> store.builder().refineSegments(summarizer,
            clock.millis() - config.toc().segmentGap().toMillis(), SEGMENTS_PER_RUN)))));
    return specs;
  }

  /** Runs {@code work} on every store; one store failing does not keep the others from running. */
  private static void onEveryStore(Projects projects, Consumer<ProjectStore> work) {
    RuntimeException failure = null;
    for (ProjectStore store : projects.all()) {
      try {
        work.accept(store);
      } catch (RuntimeException e) {
        String where = store.name().isEmpty() ? "the default store" : "project " + store.name();
        RuntimeException named = new IllegalStateException(where + ": " + e.getMessage(), e);
        if (failure == null) {
          failure = named;
        } else {
          failure.addSuppressed(named);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

}
