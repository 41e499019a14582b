package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.lifecycle.StoreLock;
import dev.agentmemory.daemon.summarizer.Summarizers;
import dev.agentmemory.storage.DiskLimits;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocQuery;
import dev.agentmemory.toc.TocRebuilder;
import dev.agentmemory.toc.TocRollup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store and everything that works on it: its lock, the event service, the TOC builder and its
 * worker, queries, rebuilds, rollups and admin. The daemon has one for its default store and one
 * per project (when projects are kept apart).
 */
public final class ProjectStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectStore.class);

  private final String name;
  private final MemoryStore store;
  private final TocBuilder builder;
  private final TocRebuilder rebuilder;
  private final TocRollup rollup;
  private final TocQuery toc;
  private final EventService events;
  private final AdminService admin;
  private final Deque<AutoCloseable> resources;

  private ProjectStore(String name, MemoryStore store, TocBuilder builder, TocRebuilder rebuilder, TocRollup rollup,
      EventService events, AdminService admin, Deque<AutoCloseable> resources) {
    this.name = name;
    this.store = store;
    this.builder = builder;
    this.rebuilder = rebuilder;
    this.rollup = rollup;
    this.toc = new TocQuery(store);
    this.events = events;
    this.admin = admin;
    this.resources = resources;
  }

  /**
   * Opens (creating it if needed) the store in {@code dir}, takes its lock, finishes an interrupted
   * rebuild, and starts its TOC worker.
   *
   * @param name the project, empty for the default store
   * @param summarizers the summarizers, given the opened store (whose checkpoints may meter them)
   */
  public static ProjectStore open(String name, Path dir, DaemonConfig config,
      Function<MemoryStore, Summarizers.Selection> summarizers, Clock clock) {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      RocksStorage.createStoreDirectory(dir);
      resources.push(StoreLock.acquire(dir, ProcessHandle.current().pid()));
      LOG.info("Opening store {}at {}", name.isEmpty() ? "" : "of project " + name + " ", dir);
      MemoryStore store = MemoryStore.open(dir);
      resources.push(store);
      store.storage().setDiskLimits(new DiskLimits(config.storage().diskReserve(), config.storage().diskWarning()));
      TocBuilder builder = TocSetup.builder(store, config);
      resources.push(builder);
      TocRebuilder rebuilder = new TocRebuilder(store, builder);
      if (rebuilder.resumeIfInterrupted(progress -> LOG.info("Finishing an interrupted TOC rebuild of {}: {} of {} events",
          dir, progress.done(), progress.plan().events()))) {
        LOG.info("Finished the TOC rebuild of {} that was interrupted", dir);
      }
      TocWorker worker = new TocWorker(store, builder, config.toc().refreshInterval());
      resources.push(worker);
      worker.start();
      EventService events =
          new EventService(store.events(), clock, IngestPolicies.of(config), worker::nudge);
      Summarizers.Selection selection = summarizers.apply(store);
      TocRollup rollup = new TocRollup(store, builder, selection.rollups(), clock);
      return new ProjectStore(name, store, builder, rebuilder, rollup, events,
          new AdminService(store, selection), resources);
    } catch (RuntimeException e) {
      while (!resources.isEmpty()) {
        try {
          resources.pop().close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The project, empty for the default store. */
  public String name() {
    return name;
  }

  public MemoryStore store() {
    return store;
  }

  public TocBuilder builder() {
    return builder;
  }

  public TocRebuilder rebuilder() {
    return rebuilder;
  }

  public TocRollup rollup() {
    return rollup;
  }

  public TocQuery toc() {
    return toc;
  }

  public EventService events() {
    return events;
  }

  public AdminService admin() {
    return admin;
  }

  /** Stops the worker (the current batch finishes), then closes the store and releases its lock. */
  @Override
  public void close() throws Exception {
    Exception failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
