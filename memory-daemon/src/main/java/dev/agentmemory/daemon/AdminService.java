package dev.agentmemory.daemon;

import dev.agentmemory.storage.InvalidArgumentException;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StoreStats;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.scheduler.UnknownJobException;
import dev.agentmemory.toc.TocRollup;
import java.util.Arrays;
import java.util.List;

/**
 * Maintenance of a store, the same whether the daemon does it (admin RPCs) or the CLI does it with
 * the daemon stopped.
 */
public final class AdminService {
  private final MemoryStore store;

  public AdminService(MemoryStore store) {
    this.store = store;
  }

  public StoreStats stats() {
    return store.stats();
  }

  /** Compacts the named column family, or all when {@code name} is empty; returns which. */
  public List<String> compact(String name) {
    if (name == null || name.isBlank()) {
      return MaintenanceJobs.compactAll(store);
    }
    Cf cf = Cf.byRocksName(name.trim()).orElseThrow(() -> new InvalidArgumentException(
        "column_family '" + name + "' does not exist. Valid ones: " + String.join(", ", names())));
    store.storage().compact(cf);
    return List.of(cf.rocksName());
  }

  /** Clears a job's checkpoint; returns what was cleared, for people. */
  public String resetCheckpoint(String job) {
    if (!MaintenanceJobs.NAMES.contains(job)) {
      throw new UnknownJobException(job, MaintenanceJobs.NAMES);
    }
    return MaintenanceJobs.rollupLevel(job)
        .map(level -> {
          TocRollup.reset(store, level);
          return "Cleared the rollup checkpoint of " + job + ": every closed period rolls up again at its next run.";
        })
        .orElse(job + " keeps no checkpoint; nothing to clear.");
  }

  private static List<String> names() {
    return Arrays.stream(Cf.values()).map(Cf::rocksName).toList();
  }
}
