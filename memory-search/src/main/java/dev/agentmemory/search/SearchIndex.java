package dev.agentmemory.search;

import dev.agentmemory.storage.NamedThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of one store, in its {@code search/} directory: BM25 over every unit's text,
 * and an HNSW graph of the units' vectors (added later, by the vector worker: units wait with a
 * "pending" mark). The position in the outbox the index has taken in is committed with it, as
 * commit user data, so a crash at any moment neither loses nor duplicates a document: indexing
 * resumes from the last commit, and units are replaced by key, never added twice.
 */
final class SearchIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  private static final String POSITION = "outbox.position";
  private static final String VECTORS = "vectors";
  private static final String FORMAT = "format";
  /**
   * The layout of documents (fields, doc values). An index written with another one is dropped at
   * open and built again from the events: a changed layout cannot be read, and the log is the truth.
   * 3: lifecycle records are no longer units. 4: the neighbours' context only on an event's first chunk.
   * 5: only the turn before as context (an event is written once).
   */
  private static final String CURRENT_FORMAT = "5";
  // how long a forget waits for background merges before rewriting the files of deleted documents
  private static final Duration EXPUNGE_WAIT = Duration.ofMinutes(10);
  private static final String KEY = "key";
  private static final String DOC_ID = "doc_id";
  private static final String TYPE = "type";
  /** The analyzed field of event texts (the analyzer's field name everywhere). */
  static final String TEXT = "text";
  /** The neighbouring turns of an event, analyzed. */
  static final String CONTEXT = "context";
  private static final String STORED_TEXT = "unit_text";
  private static final String STORED_CONTEXT = "unit_context";
  private static final String BODY = "body";
  private static final String TIME = "ts";
  private static final String SESSION = "session";
  static final String AGENT = "agent";
  private static final String ROLE = "role";
  private static final String NODE = "node";
  private static final String PENDING = "pending_vector";
  private static final String VECTOR = "vector";
  private static final List<String> TYPES = List.of(Unit.EVENT, Unit.TOC_NODE, Unit.GRIP);

  // Units are short (a turn, a chunk): less length normalization than Lucene's 0.75 ranks better
  // (LoCoMo evidence recall, docs/benchmarks.md).
  private static final Similarity SIMILARITY =
      new BM25Similarity(1.2f, 0.4f);

  // A large index is searched in slices on all cores at once (one query's latency; under many
  // queries the cores are busy anyway). Fixed threads waiting on a queue: nothing wakes when idle.
  private static final ExecutorService SLICES = sliceThreads();
  private static final SearcherFactory SEARCHERS = new SearcherFactory() {
    @Override
    public IndexSearcher newSearcher(IndexReader reader,
        IndexReader previous) {
      IndexSearcher searcher = new IndexSearcher(reader, SLICES);
      searcher.setSimilarity(SIMILARITY);
      return searcher;
    }
  };

  /**
   * The slice threads, started now, by the thread that opens the first index (never the indexer
   * or the vector worker, which run at a lower priority that threads they start would inherit).
   */
  private static ExecutorService sliceThreads() {
    ThreadPoolExecutor threads = new ThreadPoolExecutor(
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(), 0,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        new NamedThreads("memory-search-slice", true));
    threads.prestartAllCoreThreads();
    return threads;
  }

  private final Path dir;
  private final Directory directory;
  private final Analyzer analyzer;
  // replaced together when Lucene closed the writer after a failure (see reopenIfBroken)
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private final Optional<String> rebuiltBecause;
  private volatile long position;
  private volatile Optional<Boolean> withVectors;
  // units written since open (a vector added counts): each write re-analyzes a unit and deletes its old copy
  private final AtomicLong written = new AtomicLong();
  // Held by every write of units: a vector is stored only for the version of a unit it was computed
  // from, checked against what is written (refreshed under this lock, so no write slips in between).
  private final Object writes = new Object();

  private SearchIndex(Path dir, Directory directory, Analyzer analyzer, IndexWriter writer,
      Map<String, String> committed, Optional<String> rebuiltBecause) throws IOException {
    this.dir = dir;
    this.directory = directory;
    this.analyzer = analyzer;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, SEARCHERS);
    this.position = Long.parseLong(committed.getOrDefault(POSITION, "-1"));
    this.withVectors = Optional.ofNullable(committed.get(VECTORS)).map(Boolean::parseBoolean);
    this.rebuiltBecause = rebuiltBecause;
  }

  /**
   * Opens the index in {@code dir}, creating it when missing. A damaged one is moved aside and
   * started afresh (the log is the truth: the indexer rebuilds it from the events), with a warning.
   */
  static SearchIndex open(Path dir, Analyzer analyzer) {
    try {
      Files.createDirectories(dir);
      try {
        return open(dir, analyzer, Optional.empty());
      } catch (IOException | RuntimeException damaged) {
        Path aside = dir.resolveSibling(dir.getFileName() + ".damaged-" + System.currentTimeMillis());
        Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        String reason = "the search index at " + dir + " could not be opened (" + damaged.getMessage()
            + "); it was moved to " + aside + " and is rebuilt from the events";
        LOG.warn("Rebuilding the search index: {}", reason);
        Files.createDirectories(dir);
        return open(dir, analyzer, Optional.of(reason));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to open the search index at " + dir + ", but " + e.getMessage(), e);
    }
  }

  private static SearchIndex open(Path dir, Analyzer analyzer, Optional<String> rebuiltBecause) throws IOException {
    Directory directory = FSDirectory.open(dir);
    Map<String, String> committed = committedData(directory);
    IndexWriterConfig config = config(analyzer);
    if (!committed.isEmpty() && !CURRENT_FORMAT.equals(committed.get(FORMAT))) {
      LOG.info("The search index at {} has format {} (this version writes {}): it is built again from the events",
          dir, committed.getOrDefault(FORMAT, "1"), CURRENT_FORMAT);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      committed = Map.of();
    }
    IndexWriter writer = new IndexWriter(directory, config);
    try {
      return new SearchIndex(dir, directory, analyzer, writer, committed, rebuiltBecause);
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  private static IndexWriterConfig config(Analyzer analyzer) {
    return new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        // small segments flush often enough; the daemon's heap is small
        .setRAMBufferSizeMB(16)
        .setSimilarity(SIMILARITY);
  }

  /**
   * Opens the writer again when Lucene closed it after a failure (it does on a full disk, say):
   * the index is back at its last commit, and the indexer redoes what came after (units are
   * replaced by key, so nothing is doubled). Returns whether it had to.
   */
  synchronized boolean reopenIfBroken() {
    if (writer.isOpen() && writer.getTragicException() == null) {
      return false;
    }
    LOG.warn("The search index writer was closed after a failure ({}); opening it again from its last commit",
        String.valueOf(writer.getTragicException()));
    try {
      searchers.close();
      writer.close();
    } catch (IOException | RuntimeException e) {
      // already broken: what matters is the new writer
    }
    try {
      Map<String, String> committed = committedData(directory);
      IndexWriter fresh = new IndexWriter(directory, config(analyzer));
      searchers = new SearcherManager(fresh, SEARCHERS);
      writer = fresh;
      position = Long.parseLong(committed.getOrDefault(POSITION, "-1"));
      withVectors = Optional.ofNullable(committed.get(VECTORS)).map(Boolean::parseBoolean);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to open the search index again, but " + e.getMessage(), e);
    }
  }

  /** What the last commit recorded (outbox position, vectors); empty for a new index. */
  private static Map<String, String> committedData(Directory directory) throws IOException {
    try {
      return SegmentInfos.readLatestCommit(directory).getUserData();
    } catch (IndexNotFoundException e) {
      return Map.of();
    }
  }

  /** The outbox position the index holds everything up to; -1 for an index never committed. */
  long position() {
    return position;
  }

  /**
   * Whether the units were written for vectors (true) or without (search.vectors off), as last
   * committed; empty for a new index. A change of setting means a rebuild: units written without
   * would never get a vector.
   */
  Optional<Boolean> builtWithVectors() {
    return withVectors;
  }

  /** Records, with the next commit, whether the units are written for vectors. */
  void builtWithVectors(boolean vectors) {
    withVectors = Optional.of(vectors);
  }

  /** Why the index was started afresh at this open, if it was. */
  Optional<String> rebuiltBecause() {
    return rebuiltBecause;
  }

  /** Adds or replaces {@code units} (by key); {@code withVectors} marks them for the vector worker. */
  void put(List<Unit> units, boolean withVectors) {
    put(units, withVectors, Snapshot.NONE);
  }

  /**
   * As {@link #put(List, boolean)}, but a unit whose text {@code earlier} already embedded gets
   * that vector back instead of waiting for a new one.
   */
  void put(List<Unit> units, boolean withVectors, Snapshot earlier) {
    try {
      synchronized (writes) {
        for (Unit unit : units) {
          float[] vector = withVectors ? earlier.vectorOf(unit).orElse(null) : new float[0];
          writer.updateDocument(new Term(KEY, unit.key()), document(unit, vector));
          written.incrementAndGet();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to index " + units.size() + " units, but " + e.getMessage(), e);
    }
  }

  /** Units written since the index was opened, vectors added included. */
  long unitsWritten() {
    return written.get();
  }

  /** Removes every unit of {@code docId} (all chunks of an event, say). */
  void delete(String docId) {
    try {
      synchronized (writes) {
        writer.deleteDocuments(new Term(DOC_ID, docId));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to remove " + docId + " from the index, but " + e.getMessage(), e);
    }
  }

  /**
   * Rewrites the index files that hold deleted documents, and commits: a deleted document is only
   * marked as such, its text stays in its file until that file is merged away (forget needs the
   * bytes gone).
   */
  void expungeDeletes() {
    try {
      synchronized (writes) {
        writer.commit(); // the deletes written first: a merge only sees those
        // a segment already in a background merge is left out of a forced one, which then does
        // not wait for it: wait for every merge, then force what is left
        long deadline = System.nanoTime() + EXPUNGE_WAIT.toNanos();
        writer.forceMergeDeletes(true);
        while (writer.hasPendingMerges() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        writer.forceMergeDeletes(true);
      }
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rewriting the index without its deleted documents", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to rewrite the index without its deleted documents, but "
          + e.getMessage(), e);
    }
  }

  /**
   * Removes the grips made for segment {@code nodeId} but those of {@code keys} (its current ones):
   * a segment summarized again gets new grips, and the old ones must not stay findable.
   */
  void keepOnlyGripsOf(String nodeId, Set<String> keys) {
    BooleanQuery.Builder stale = new BooleanQuery.Builder()
        .add(type(Unit.GRIP), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(NODE, nodeId)), BooleanClause.Occur.FILTER);
    keys.forEach(key -> stale.add(new TermQuery(new Term(KEY, key)), BooleanClause.Occur.MUST_NOT));
    try {
      synchronized (writes) {
        writer.deleteDocuments(stale.build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to remove the old grips of " + nodeId + " from the index, but "
          + e.getMessage(), e);
    }
  }

  /**
   * Those of {@code units} the index does not hold as they are (new, or changed since written),
   * as far as searches see it: written again, a unit would lose its vector and wait for a new one.
   */
  List<Unit> changed(List<Unit> units) {
    return withSearcher(searcher -> {
      List<Unit> changed = new ArrayList<>();
      for (Unit unit : units) {
        if (!holds(searcher, unit)) {
          changed.add(unit);
        }
      }
      return changed;
    });
  }

  /** Whether {@code searcher} sees {@code unit} as it is. */
  private static boolean holds(IndexSearcher searcher, Unit unit) throws IOException {
    ScoreDoc[] held = searcher.search(new TermQuery(new Term(KEY, unit.key())), 1).scoreDocs;
    return held.length > 0 && unit(searcher.storedFields().document(held[0].doc)).equals(unit);
  }

  /** Units still waiting for their vector, newest first. */
  List<Unit> pendingVectors(int max) {
    List<Unit> units = new ArrayList<>();
    withSearcher(searcher -> {
      TopDocs top = searcher.search(new TermQuery(new Term(PENDING, "1")), max,
          new Sort(new SortField(TIME,
              SortField.Type.LONG, true)));
      for (ScoreDoc hit : top.scoreDocs) {
        units.add(unit(searcher.storedFields().document(hit.doc)));
      }
      return null;
    });
    return units;
  }

  /**
   * Gives each unit its vector (the unit is written again, whole), unless the unit was written
   * again since it was read: its new version waits for a vector of its own, and writing the old
   * one back would undo that write (an event indexed before the TOC placed it, then again with its
   * segment, kept no segment). Returns how many were stored.
   */
  int putVectors(Map<Unit, float[]> vectors) {
    synchronized (writes) {
      refresh();
      return withSearcher(searcher -> {
        int stored = 0;
        for (Map.Entry<Unit, float[]> entry : vectors.entrySet()) {
          if (holds(searcher, entry.getKey())) {
            writer.updateDocument(new Term(KEY, entry.getKey().key()), document(entry.getKey(), entry.getValue()));
            written.incrementAndGet();
            stored++;
          }
        }
        return stored;
      });
    }
  }

  /**
   * Makes everything indexed so far durable, recording that it covers the outbox up to
   * {@code upToPosition}. The recorded position never goes back (the vector worker commits too,
   * with the position as it stands), because the outbox drops what the index has committed.
   */
  synchronized void commit(long upToPosition) {
    try {
      long covered = Math.max(position, upToPosition);
      Map<String, String> data = new HashMap<>(Map.of(POSITION, Long.toString(covered), FORMAT, CURRENT_FORMAT));
      withVectors.ifPresent(vectors -> data.put(VECTORS, vectors.toString()));
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
      // visible to searches before the position says so: whoever sees the index caught up
      // (stats, the behind count) finds what it holds
      searchers.maybeRefreshBlocking();
      position = covered;
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to commit the search index, but " + e.getMessage(), e);
    }
  }

  /** Makes everything indexed so far durable, at the position already covered. */
  void commit() {
    commit(position);
  }

  /** Makes what was indexed visible to searches (without making it durable). */
  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to refresh the search index, but " + e.getMessage(), e);
    }
  }

  /**
   * A hit, light: what ranking needs (read from doc values), the unit itself loaded only for the
   * hits that are answered ({@link View#unit}); stored fields are the expensive part of a query.
   */
  record Hit(int doc, String key, String docId, String sessionId, long timestampMs, float score) {}

  /** One consistent view of the index for the duration of a query (doc numbers stay valid). */
  final class View {
    private final IndexSearcher searcher;

    private View(IndexSearcher searcher) {
      this.searcher = searcher;
    }

    /** The best {@code n} units for {@code query}. */
    List<Hit> search(Query query, int n) throws IOException {
      List<Hit> hits = new ArrayList<>();
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      for (ScoreDoc doc : searcher.search(query, n).scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc.doc, leaves));
        int inLeaf = doc.doc - leaf.docBase;
        hits.add(new Hit(doc.doc, text(leaf, KEY, inLeaf), text(leaf, DOC_ID, inLeaf), text(leaf, SESSION, inLeaf),
            number(leaf, TIME, inLeaf), doc.score));
      }
      return hits;
    }

    /**
     * The {@code n} units of {@code types} nearest to {@code vector} among those {@code filter}
     * admits (null: all), best first (one graph per type; scores compare across them).
     */
    List<Hit> nearest(float[] vector, Collection<String> types, Query filter, int n) throws IOException {
      List<Hit> hits = new ArrayList<>();
      for (String type : types) {
        hits.addAll(search(new KnnFloatVectorQuery(vectorField(type), vector, n, filter), n));
      }
      hits.sort(Comparator.comparingDouble(Hit::score).reversed());
      return hits.size() > n ? hits.subList(0, n) : hits;
    }

    /**
     * The most {@code terms} can score in one unit of {@code type} under BM25: the sum of their
     * inverse document frequencies (a term no unit holds weighs the most). A unit's BM25 score over
     * this is the share of the query's evidence it holds, comparable across queries.
     */
    double queryWeight(List<String> terms, String type) throws IOException {
      IndexReader reader = searcher.getIndexReader();
      String field = textField(type);
      long units = Math.max(1, reader.getDocCount(field));
      double weight = 0;
      for (String term : terms) {
        long df = reader.docFreq(new Term(field, term));
        weight += Math.log(1 + (units - df + 0.5) / (df + 0.5));
      }
      return weight;
    }

    /** The whole unit of {@code hit}. */
    Unit unit(Hit hit) throws IOException {
      return SearchIndex.unit(searcher.storedFields().document(hit.doc()));
    }

    private String text(LeafReaderContext leaf, String field, int doc) throws IOException {
      SortedDocValues values = DocValues.getSorted(leaf.reader(), field);
      return values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : "";
    }

    private long number(LeafReaderContext leaf, String field, int doc) throws IOException {
      NumericDocValues values = DocValues.getNumeric(leaf.reader(), field);
      return values.advanceExact(doc) ? values.longValue() : 0;
    }
  }

  /** Work that reads the index through one view. */
  interface Reading<T> {
    T apply(View view) throws IOException;
  }

  /** Runs {@code work} on a view of the index as it is now. */
  <T> T read(Reading<T> work) {
    return withSearcher(searcher -> work.apply(new View(searcher)));
  }

  /** Documents in the index (cheap: what every answer reports as its total). */
  long documentCount() {
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  /** Documents, documents with a vector, and bytes on disk. */
  record Stats(long documents, long vectors, long pendingVectors, long sizeBytes) {}

  Stats stats() {
    return withSearcher(searcher -> {
      long pending = searcher.count(new TermQuery(new Term(PENDING, "1")));
      long vectors = 0;
      for (String type : TYPES) {
        vectors += searcher.count(new FieldExistsQuery(vectorField(type)));
      }
      return new Stats(searcher.getIndexReader().numDocs(), vectors, pending, sizeBytes());
    });
  }

  private long sizeBytes() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The index as it is now, to read vectors from while it is rebuilt (close it). */
  Snapshot snapshot() {
    try {
      return new Snapshot(searchers);
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to read the search index, but " + e.getMessage(), e);
    }
  }

  /**
   * A point-in-time view of the index, kept open across a rebuild so the vectors computed before
   * can be reused for units whose text did not change (embedding is the slow part).
   */
  static final class Snapshot implements AutoCloseable {
    static final Snapshot NONE = new Snapshot();

    private final SearcherManager searchers;
    private final IndexSearcher searcher;

    private Snapshot() {
      this.searchers = null;
      this.searcher = null;
    }

    private Snapshot(SearcherManager searchers) throws IOException {
      this.searchers = searchers;
      this.searcher = searchers.acquire();
    }

    /** The vector this view holds for {@code unit}, if it holds the unit with the same text. */
    Optional<float[]> vectorOf(Unit unit) {
      if (searcher == null) {
        return Optional.empty();
      }
      try {
        TopDocs top = searcher.search(new TermQuery(new Term(KEY, unit.key())), 1);
        if (top.scoreDocs.length == 0) {
          return Optional.empty();
        }
        int doc = top.scoreDocs[0].doc;
        Unit earlier = unit(searcher.storedFields().document(doc));
        if (!earlier.embeddingText().equals(unit.embeddingText())) {
          return Optional.empty();
        }
        LeafReaderContext leaf =
            searcher.getIndexReader().leaves().get(ReaderUtil.subIndex(doc, searcher.getIndexReader().leaves()));
        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(vectorField(unit.type()));
        int inLeaf = doc - leaf.docBase;
        if (vectors == null || vectors.advance(inLeaf) != inLeaf) {
          return Optional.empty();
        }
        return Optional.of(vectors.vectorValue().clone());
      } catch (IOException e) {
        throw new UncheckedIOException("Expected to read a vector from the search index, but " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      if (searcher != null) {
        searchers.release(searcher);
      }
    }
  }

  /** Drops everything (a full rebuild starts from nothing), committed at position {@code -1}. */
  synchronized void clear() {
    try {
      writer.deleteAll();
      position = -1;
      commit(-1);
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to clear the search index, but " + e.getMessage(), e);
    }
  }

  private interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to search the index, but " + e.getMessage(), e);
    }
  }

  /** @param vector the unit's vector; null marks it pending; empty leaves it without one */
  private static Document document(Unit unit, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(KEY, unit.key(), Field.Store.YES));
    doc.add(new SortedDocValuesField(KEY, new BytesRef(unit.key())));
    doc.add(new StringField(DOC_ID, unit.docId(), Field.Store.YES));
    doc.add(new SortedDocValuesField(DOC_ID, new BytesRef(unit.docId())));
    doc.add(new StringField(TYPE, unit.type(), Field.Store.YES));
    doc.add(new TextField(textField(unit.type()), unit.text(), Field.Store.NO));
    doc.add(new StoredField(STORED_TEXT, unit.text()));
    if (!unit.context().isEmpty()) {
      doc.add(new TextField(CONTEXT, unit.context(), Field.Store.NO));
      doc.add(new StoredField(STORED_CONTEXT, unit.context()));
    }
    doc.add(new StoredField(BODY, unit.body()));
    doc.add(new LongPoint(TIME, unit.timestampMs()));
    doc.add(new StoredField(TIME, unit.timestampMs()));
    doc.add(new NumericDocValuesField(TIME, unit.timestampMs()));
    doc.add(new StringField(SESSION, unit.sessionId(), Field.Store.YES));
    doc.add(new SortedDocValuesField(SESSION, new BytesRef(unit.sessionId())));
    doc.add(new StringField(AGENT, unit.agent(), Field.Store.YES));
    doc.add(new StoredField(ROLE, unit.role()));
    doc.add(new StringField(NODE, unit.nodeId(), Field.Store.YES));
    if (vector == null) {
      doc.add(new StringField(PENDING, "1", Field.Store.NO));
    } else if (vector.length > 0) {
      doc.add(new KnnFloatVectorField(vectorField(unit.type()), vector, VectorSimilarityFunction.DOT_PRODUCT));
    }
    return doc;
  }

  private static Unit unit(Document doc) {
    String context = doc.get(STORED_CONTEXT);
    return new Unit(doc.get(KEY), doc.get(DOC_ID), doc.get(TYPE), doc.get(STORED_TEXT), context == null ? "" : context,
        doc.get(BODY),
        doc.getField(TIME).numericValue().longValue(), doc.get(SESSION), doc.get(AGENT),
        doc.getField(ROLE).numericValue().intValue(), doc.get(NODE));
  }

  /** A filter of units of one time range ({@code [fromMs, toMs)}). */
  static Query timeRange(long fromMs, long toMs) {
    return LongPoint.newRangeQuery(TIME, fromMs, toMs - 1);
  }

  /**
   * The analyzed text field of a type of unit. Each type has its own (and its own vector field):
   * a search for events, the common case, then needs no type filter, which would lead the
   * query's iteration over most of the index instead of letting the terms' postings skip.
   */
  static String textField(String type) {
    return Unit.EVENT.equals(type) ? TEXT : TEXT + "_" + type;
  }

  private static String vectorField(String type) {
    return Unit.EVENT.equals(type) ? VECTOR : VECTOR + "_" + type;
  }

  static Query type(String type) {
    return new TermQuery(new Term(TYPE, type));
  }

  static Query agent(String agent) {
    return new TermQuery(new Term(AGENT, agent));
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
      writer.close();
    } finally {
      directory.close();
    }
  }
}
