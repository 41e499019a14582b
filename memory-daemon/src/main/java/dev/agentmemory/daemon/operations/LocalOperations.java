package dev.agentmemory.daemon.operations;

import dev.agentmemory.daemon.DaemonServices;
import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.ReadOnlyStores;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.domain.StoreStats;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.StoreSearch;
import dev.agentmemory.storage.StorageException;
import dev.agentmemory.toc.TocRebuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The operations carried out on the daemon's services: those of the running daemon (its gRPC
 * service calls them), or those a command opens offline ({@link DaemonServices#openOffline}).
 * The services stay open after {@link #close()}: they belong to whoever opened them.
 */
public final class LocalOperations implements MemoryOperations {
  private final DaemonServices services;

  private LocalOperations(DaemonServices services) {
    this.services = services;
  }

  public static LocalOperations of(DaemonServices services) {
    return new LocalOperations(services);
  }

  @Override
  public EventService.BatchResult ingest(String project, List<Event> batch) {
    return services.projects().forIngest(project).events().ingestAll(batch);
  }

  @Override
  public List<Event> events(String project, long fromMs, long toMs, int limit, EventFilter filter) {
    return services.projects().events(project, fromMs, toMs, limit, filter).events();
  }

  @Override
  public StoreReport stats(String project) {
    ProjectStore store = services.projects().forRead(project);
    StoreStats stats = store.admin().stats();
    Optional<StoreSearch> index = store.search();
    List<String> warnings = new ArrayList<>(stats.warnings());
    index.flatMap(StoreSearch::rebuiltBecause).ifPresent(reason -> warnings.add("The search index was rebuilt: " + reason));
    return new StoreReport(store.name(), stats.withWarnings(warnings), store.admin().summarizerUsage(),
        store.admin().redactions(), services.projects().names(), store.store().checkpoints().audit(),
        index.map(open -> figures(open.stats())));
  }

  private StoreReport.SearchFigures figures(StoreSearch.Stats index) {
    return new StoreReport.SearchFigures(index.documents(), index.vectors(), index.pendingVectors(), index.sizeBytes(),
        index.behind(), services.search().modelStatus());
  }

  @Override
  public List<String> stores() {
    List<String> stores = new ArrayList<>();
    stores.add("");
    stores.addAll(services.projects().names());
    return stores;
  }

  @Override
  public void export(String project, long fromMs, long toMs, Consumer<Event> each) {
    ReadOnlyStores.scan(services.projects().forRead(project).store(), fromMs, toMs, each);
  }

  @Override
  public Forgetting.Result forget(String project, Optional<Forgetting.Selection> what, boolean dryRun) {
    return services.forgetting().forget(project, what, dryRun);
  }

  @Override
  public void rebuildToc(String project, Optional<LocalDate> from, boolean dryRun,
      Consumer<TocRebuildProgress> progress) {
    TocRebuilder rebuilder = services.projects().forRead(project).rebuilder();
    if (dryRun) {
      progress.accept(new TocRebuildProgress(rebuilder.plan(from), 0, true));
      return;
    }
    TocRebuilder.Plan plan = rebuilder.rebuild(from,
        step -> progress.accept(new TocRebuildProgress(step.plan(), step.done(), false)));
    progress.accept(new TocRebuildProgress(plan, plan.events(), true));
  }

  /** With the daemon stopped, the store has no index open: one is opened for the rebuild. */
  @Override
  public void rebuildIndex(String project, boolean keepVectors, Consumer<IndexRebuildProgress> progress) {
    ProjectStore store = services.projects().forRead(project);
    Optional<StoreSearch> open = store.search();
    StoreSearch index = open.orElseGet(() -> StoreSearch.open(store.store(), services.config().toc().zone(),
        services.config().searchVectors() ? Embeddings.deferred() : Embeddings.off()));
    try {
      long total = store.store().events().count();
      long done = index.rebuild(keepVectors, n -> progress.accept(new IndexRebuildProgress(n, total, false, 0)));
      progress.accept(new IndexRebuildProgress(done, total, true, index.stats().pendingVectors()));
    } finally {
      if (open.isEmpty()) {
        closeIndex(index);
      }
    }
  }

  private static void closeIndex(StoreSearch index) {
    try {
      index.close();
    } catch (Exception e) {
      throw new StorageException("Expected to close the search index cleanly, but " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> compact(String project, String columnFamily) {
    return services.projects().forRead(project).admin().compact(columnFamily);
  }

  @Override
  public String resetCheckpoint(String project, String job) {
    return services.projects().forRead(project).admin().resetCheckpoint(job);
  }

  @Override
  public Backups.Result backup(Optional<String> dest, OptionalInt keep) {
    return services.backup(dest, keep);
  }

  @Override
  public Map<String, StoreVerification> verify() {
    return services.verify();
  }

  @Override
  public void close() {
    // nothing of its own
  }
}
