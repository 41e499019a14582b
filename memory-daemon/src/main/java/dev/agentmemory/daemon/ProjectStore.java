package dev.agentmemory.daemon;

import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.lifecycle.StoreLock;
import dev.agentmemory.daemon.summarizer.Summarizers;
import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.StoreSearch;
import dev.agentmemory.storage.Closeables;
import dev.agentmemory.storage.DiskLimits;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StorageException;
import dev.agentmemory.storage.StoreFormat;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocQuery;
import dev.agentmemory.toc.TocRebuilder;
import dev.agentmemory.toc.TocRollup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store and everything that works on it: its lock, the event service, the TOC builder and its
 * worker, queries, rebuilds, rollups and admin. The daemon has one for its default store and one
 * per project (when projects are kept apart).
 */
public final class ProjectStore implements AutoCloseable {
  /** The store format of this release, which opening a store upgrades it to. */
  public static final long CURRENT_FORMAT = StoreFormat.CURRENT;
  private static final Logger LOG = LoggerFactory.getLogger(ProjectStore.class);

  private final String name;
  private final MemoryStore store;
  private final Summarizers.Selection summarizers;
  private final TocBuilder builder;
  private final TocRebuilder rebuilder;
  private final TocRollup rollup;
  private final TocQuery toc;
  private final EventService events;
  private final AdminService admin;
  private final Optional<StoreSearch> search;
  private final TocWorker worker;
  private final Closeables resources;

  private ProjectStore(String name, MemoryStore store, Summarizers.Selection summarizers, TocBuilder builder,
      TocRebuilder rebuilder, TocRollup rollup, EventService events, Optional<StoreSearch> search,
      TocWorker worker, Closeables resources) {
    this.name = name;
    this.store = store;
    this.summarizers = summarizers;
    this.builder = builder;
    this.rebuilder = rebuilder;
    this.rollup = rollup;
    this.toc = new TocQuery(store);
    this.events = events;
    this.admin = new AdminService(store, summarizers);
    this.search = search;
    this.worker = worker;
    this.resources = resources;
  }

  /**
   * Opens the default store (in {@code db_path}) with the summarizers the configuration asks for;
   * their API use is metered in this store, for the whole daemon.
   */
  public static ProjectStore openDefault(DaemonConfig config, Map<String, String> env, Clock clock,
      Embeddings embeddings) {
    Path dir = config.storage().dbPath();
    return open("", dir, config, clock, store -> Summarizers.select(config, env, store.checkpoints(), clock),
        Optional.of(embeddings));
  }

  /**
   * Opens (creating it if needed) the store of project {@code name} in {@code dir}, with the
   * summarizers of the daemon's default store.
   */
  public static ProjectStore open(String name, Path dir, DaemonConfig config, Clock clock,
      Summarizers.Selection summarizers, Embeddings embeddings) {
    return open(name, dir, config, clock, store -> summarizers, Optional.of(embeddings));
  }

  /**
   * Opens a store for an admin command run with the daemon stopped: the same services as the
   * daemon's, with the local summarizer (offline commands never call a summarizer's API) and no
   * search index (what they change reaches the index through the outbox when the daemon runs).
   */
  public static ProjectStore openOffline(String name, Path dir, DaemonConfig config, Clock clock) {
    return open(name, dir, config, clock, store -> Summarizers.local(config, store.checkpoints(), clock),
        Optional.empty());
  }

  /**
   * The one place a store's services are put together, for the daemon, offline admin commands
   * and tests alike: takes the store's lock, opens it, finishes an interrupted rebuild, starts
   * its TOC worker.
   */
  private static ProjectStore open(String name, Path dir, DaemonConfig config, Clock clock,
      Function<MemoryStore, Summarizers.Selection> summarizersOf, Optional<Embeddings> embeddings) {
    Closeables resources = new Closeables();
    try {
      MemoryStore.createDirectory(dir);
      resources.register(StoreLock.acquire(dir, ProcessHandle.current().pid()));
      LOG.info("Opening store {}at {}", name.isEmpty() ? "" : "of project " + name + " ", dir);
      MemoryStore store = resources.register(MemoryStore.open(dir));
      if (store.needsUpgrade()) {
        Path copy = preUpgradeCopy(dir, name, clock);
        store.checkpoint(copy);
        long from = store.upgrade(LOG::info);
        LOG.warn("Upgraded the store {} from format {} to {}; a copy of it as it was is at {} (remove it once the "
            + "daemon runs well)", dir, from, StoreFormat.CURRENT, copy);
      }
      store.setDiskLimits(new DiskLimits(config.storage().diskReserve(), config.storage().diskWarning()));
      Summarizers.Selection summarizers = summarizersOf.apply(store);
      TocBuilder builder = resources.register(TocSetup.builder(store, config));
      TocRebuilder rebuilder = new TocRebuilder(store, builder);
      if (rebuilder.resumeIfInterrupted(progress -> LOG.info("Finishing an interrupted TOC rebuild of {}: {} of {} events",
          dir, progress.done(), progress.plan().events()))) {
        LOG.info("Finished the TOC rebuild of {} that was interrupted", dir);
      }
      TocWorker worker = resources.register(new TocWorker(store, builder, config.toc().refreshInterval()));
      worker.start();
      EventService events = new EventService(store.events(), clock, IngestPolicies.of(config));
      TocRollup rollup = new TocRollup(store, builder, summarizers.rollups(), clock);
      Optional<StoreSearch> search = embeddings.map(model -> resources.register(
          StoreSearch.open(store, config.toc().zone(), model)));
      ProjectStore project = new ProjectStore(name, store, summarizers, builder, rebuilder, rollup, events, search, worker,
          resources);
      Forgetting.finishInterrupted(project);
      return project;
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  /** Runs {@code listener} (on the TOC worker's thread) whenever new events changed this store's TOC. */
  public void onTocChanged(Runnable listener) {
    worker.onBuilt(listener);
  }

  /**
   * Where a store is copied before its format is upgraded: beside the default store, as in a
   * backup ({@code <db>.pre-upgrade-<time>/db} for the default store, {@code .../db/projects/<name>}).
   */
  private static Path preUpgradeCopy(Path dir, String name, Clock clock) {
    Path db = (name.isEmpty() ? dir : dir.getParent().getParent()).toAbsolutePath();
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(clock.instant());
    Path root = db.resolveSibling(db.getFileName() + ".pre-upgrade-" + stamp);
    Path copy = root.resolve(Backups.storePath(name));
    try {
      Files.createDirectories(copy.getParent());
    } catch (IOException e) {
      throw new StorageException("Expected to create " + copy.getParent()
          + " for the copy before an upgrade, but " + e.getMessage(), e);
    }
    return copy;
  }

  /** Tells those waiting for TOC changes that it was rewritten (after a forget). */
  public void tocRewritten() {
    worker.changed();
  }

  /** Search over this store; empty for a store opened by an offline admin command. */
  public Optional<StoreSearch> search() {
    return search;
  }

  /** The summarizers of this store (the daemon's). */
  public Summarizers.Selection summarizers() {
    return summarizers;
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
    resources.close();
  }
}
