package dev.agentmemory.daemon;

import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.context.SessionContexts;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.SessionContext;
import dev.agentmemory.scheduler.MemoryScheduler;
import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.StoreSearch;
import dev.agentmemory.storage.Closeables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The daemon's services without its transport: the default store, the project stores and the
 * scheduler over all of them. The composition root the daemon serves over gRPC and tests serve
 * in-process; each store's own services come from {@link ProjectStore}, which offline admin
 * commands use directly.
 */
public final class DaemonServices implements AutoCloseable {
  private final Projects projects;
  private final Optional<MemoryScheduler> scheduler;
  private final SearchService search;
  private final ForgetService forgetting;
  private final DaemonConfig config;
  private final Clock clock;
  private final Closeables resources;

  private DaemonServices(Projects projects, Optional<MemoryScheduler> scheduler, SearchService search, ForgetService forgetting,
      DaemonConfig config, Clock clock, Closeables resources) {
    this.projects = projects;
    this.scheduler = scheduler;
    this.search = search;
    this.forgetting = forgetting;
    this.config = config;
    this.clock = clock;
    this.resources = resources;
  }

  /**
   * Opens the stores of {@code config} (the default one, and every project's) and prepares the
   * scheduler; {@link #startScheduler} starts it.
   *
   * @param env the daemon's environment (API keys of a configured summarizer)
   * @param platform where the spool and each project's session-start memory are kept; empty:
   *     nowhere (tests)
   */
  public static DaemonServices open(DaemonConfig config, Map<String, String> env, Clock clock,
      Optional<Platform> platform) {
    Optional<Path> contextDir = platform.map(SessionContext::dir);
    Closeables resources = new Closeables();
    try {
      Embeddings embeddings = resources.register(
          config.searchVectors() ? Embeddings.loadInBackground() : Embeddings.off());
      ProjectStore main = resources.register(ProjectStore.openDefault(config, env, clock, embeddings));
      Path dbPath = config.storage().dbPath();
      Optional<SessionContexts> contexts = contextDir.map(dir -> new SessionContexts(dir, config,
          Optional.ofNullable(env.get("MEMORY_DAEMON_LAUNCHER"))));
      Projects projects = resources.register(new Projects(config, main, name -> {
        ProjectStore store = ProjectStore.open(name, ProjectNames.storeDir(dbPath, name), config, clock,
            main.summarizers(), embeddings);
        contexts.ifPresent(context -> context.watch(store));
        return store;
      }));
      projects.openExisting();
      // closed before the stores it writes to
      resources.register(StoreSearch.startVectorWorker(embeddings,
          () -> projects.all().stream().flatMap(store -> store.search().stream()).toList()));
      MemoryScheduler scheduler = resources.register(new MemoryScheduler(
          MaintenanceJobs.specs(config, projects, main.summarizers().api(), clock), main.store().jobs(),
          config.toc().zone(), clock));
      return new DaemonServices(projects, Optional.of(scheduler),
          new SearchService(projects, embeddings, config.toc().zone(), clock,
              main.summarizers().rerank()), new ForgetService(projects, platform, clock),
          config, clock, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  /**
   * The same services over the stores of {@code config} for a command run while no daemon does:
   * every store opened (and locked, so no daemon starts on them meanwhile) with the local
   * summarizer and no search index, scheduler or vector worker. The default store must exist (see
   * {@link ProjectStore#openOffline}).
   *
   * @param platform where the spool and the session-start memory files are
   */
  public static DaemonServices openOffline(DaemonConfig config, Clock clock, Platform platform) {
    Closeables resources = new Closeables();
    try {
      Path dbPath = config.storage().dbPath();
      ProjectStore main = resources.register(ProjectStore.openOffline("", dbPath, config, clock));
      Projects projects = resources.register(new Projects(config, main,
          name -> ProjectStore.openOffline(name, ProjectNames.storeDir(dbPath, name), config, clock)));
      projects.openExisting();
      return new DaemonServices(projects, Optional.empty(),
          new SearchService(projects, Embeddings.off(), config.toc().zone(), clock, Optional.empty()),
          new ForgetService(projects, Optional.of(platform), clock), config, clock, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  public void startScheduler() {
    scheduler.ifPresent(MemoryScheduler::start);
  }

  public Projects projects() {
    return projects;
  }

  /** The scheduler of a daemon's services (offline services have none). */
  public MemoryScheduler scheduler() {
    return scheduler.orElseThrow(() -> new IllegalStateException("Services opened offline have no scheduler"));
  }

  public Clock clock() {
    return clock;
  }

  public DaemonConfig config() {
    return config;
  }

  public SearchService search() {
    return search;
  }

  /** Forgetting, the same whoever asks. */
  public ForgetService forgetting() {
    return forgetting;
  }

  /**
   * Backs up every store now.
   *
   * @param dest the directory of backups, inside the configured backup.dir (see {@link
   *     Backups#destinationWithin}); empty: backup.dir itself
   * @param keep how many to keep; empty: the configured backup.keep
   */
  public Backups.Result backup(Optional<String> dest, OptionalInt keep) {
    Path where = dest.map(path -> Backups.destinationWithin(config.backup().dir(), path)).orElse(config.backup().dir());
    return Backups.create(projects.all(), where, keep.orElse(config.backup().keep()), clock);
  }

  /**
   * Checks every store (see {@link dev.agentmemory.storage.MemoryStore#verify()}), by project, the
   * default store ("") first.
   */
  public Map<String, StoreVerification> verify() {
    Map<String, StoreVerification> results = new LinkedHashMap<>();
    projects.all().forEach(store -> results.put(store.name(), store.store().verify()));
    return results;
  }

  /** Stops the scheduler, then closes the project stores and the default store. */
  @Override
  public void close() throws Exception {
    resources.close();
  }
}
