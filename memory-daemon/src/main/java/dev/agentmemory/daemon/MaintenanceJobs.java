package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.scheduler.JobSpec;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.toc.TocRollup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The daemon's scheduled jobs: TOC rollups of closed periods and RocksDB compaction. */
public final class MaintenanceJobs {
  private static final Map<String, TocLevel> ROLLUPS = Map.of(
      "toc_rollup_day", TocLevel.DAY,
      "toc_rollup_week", TocLevel.WEEK,
      "toc_rollup_month", TocLevel.MONTH,
      "toc_rollup_year", TocLevel.YEAR);
  /** Name of the compaction job. */
  public static final String COMPACTION = "rocksdb_compaction";
  /** Every job, in the order status lists them. */
  public static final List<String> NAMES =
      List.of("toc_rollup_day", "toc_rollup_week", "toc_rollup_month", "toc_rollup_year", COMPACTION);

  private MaintenanceJobs() {}

  /** The level a rollup job rolls up; empty for other jobs. */
  public static Optional<TocLevel> rollupLevel(String job) {
    return Optional.ofNullable(ROLLUPS.get(job));
  }

  public static List<JobSpec> specs(DaemonConfig config, MemoryStore store, TocRollup rollup) {
    List<JobSpec> specs = new ArrayList<>();
    for (String name : NAMES) {
      String cron = config.schedules().get(name);
      Optional<TocLevel> level = rollupLevel(name);
      if (level.isPresent()) {
        specs.add(new JobSpec(name, cron, Duration.ofMinutes(5),
            "Summarizes each closed " + level.get().name().toLowerCase(java.util.Locale.ROOT) + " from its children",
            () -> rollup.run(level.get())));
      } else {
        specs.add(new JobSpec(name, cron, Duration.ofMinutes(10), "Compacts every column family",
            () -> compactAll(store)));
      }
    }
    return specs;
  }

  static List<String> compactAll(MemoryStore store) {
    List<String> compacted = new ArrayList<>();
    for (Cf cf : Cf.values()) {
      store.storage().compact(cf);
      compacted.add(cf.rocksName());
    }
    return compacted;
  }
}
