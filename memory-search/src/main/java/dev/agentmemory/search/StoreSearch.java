package dev.agentmemory.search;

import dev.agentmemory.storage.MemoryStore;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;

/**
 * Search over one store: its index (in the store's {@code search/} directory), the indexer that
 * feeds it from the store's outbox, and the searcher that answers queries.
 */
public final class StoreSearch implements AutoCloseable {
  /** The index directory inside a store's directory. */
  public static final String DIRECTORY = "search";

  private final SearchIndex index;
  private final SearchIndexer indexer;
  private final Searcher searcher;
  private final Analyzer analyzer;

  private StoreSearch(SearchIndex index, SearchIndexer indexer, Searcher searcher, Analyzer analyzer) {
    this.index = index;
    this.indexer = indexer;
    this.searcher = searcher;
    this.analyzer = analyzer;
  }

  /**
   * Opens (or creates, or rebuilds when damaged) the index of {@code store} and starts its
   * indexer.
   *
   * @param zone the time zone days are named in
   */
  public static StoreSearch open(MemoryStore store, ZoneId zone, Embeddings embeddings) {
    Analyzer analyzer = Analysis.analyzer();
    SearchIndex index = SearchIndex.open(store.path().resolve(DIRECTORY), analyzer);
    SearchIndexer indexer = new SearchIndexer(store, index, zone, embeddings);
    indexer.start();
    return new StoreSearch(index, indexer, new Searcher(index, analyzer, embeddings, store), analyzer);
  }

  public SearchAnswer search(SearchRequest request) {
    return searcher.search(request);
  }

  /**
   * Drops the index and builds it from the whole event log; returns how many events it indexed.
   * With {@code keepVectors} a unit whose text did not change keeps its vector; the others (all,
   * without) are embedded again by the vector worker.
   */
  public long rebuild(boolean keepVectors, LongConsumer progress) {
    return indexer.rebuild(keepVectors, progress);
  }

  /**
   * Takes forgotten events out of the index without rebuilding it (see {@code admin forget}):
   * their documents, the TOC nodes the forget deleted or changed, the context of the same
   * sessions' later events; the files that held them are rewritten.
   *
   * @param deletedNodeIds the nodes the TOC's forget deleted (it rebuilt those that remain)
   * @param sessions the sessions of the forgotten events
   * @param fromMs the time of the first forgotten event
   */
  public void forget(Collection<String> eventIds, Collection<String> deletedNodeIds, Set<String> sessions, long fromMs) {
    indexer.forget(eventIds, deletedNodeIds, sessions, fromMs);
  }

  /** Units, vectors, units waiting for theirs, bytes, and events not indexed yet. */
  public record Stats(long documents, long vectors, long pendingVectors, long sizeBytes, long behind) {}

  public Stats stats() {
    SearchIndex.Stats stats = index.stats();
    return new Stats(stats.documents(), stats.vectors(), stats.pendingVectors(), stats.sizeBytes(), indexer.behind());
  }

  /** Why the index was rebuilt from the events at this start, if it was (damaged or missing). */
  public Optional<String> rebuiltBecause() {
    return index.rebuiltBecause();
  }

  SearchIndex index() {
    return index;
  }

  /** The index's directory. */
  public static Path directoryOf(MemoryStore store) {
    return store.path().resolve(DIRECTORY);
  }

  @Override
  public void close() throws Exception {
    try {
      indexer.close();
    } finally {
      index.close();
      analyzer.close();
    }
  }

  /** The vector worker over the stores of {@code searches}. */
  public static AutoCloseable startVectorWorker(Embeddings embeddings,
      Supplier<List<StoreSearch>> searches) {
    VectorWorker worker = new VectorWorker(embeddings,
        () -> searches.get().stream().map(StoreSearch::index).toList());
    worker.start();
    return worker;
  }
}
