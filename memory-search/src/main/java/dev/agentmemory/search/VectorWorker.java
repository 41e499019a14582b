package dev.agentmemory.search;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives indexed units their vectors, on one background thread for the whole daemon (the model
 * runs on one core; keyword indexing and ingest keep the other). Newest units first, a few at a
 * time from each store in turn; committed every few seconds and when the work runs out (a crash
 * redoes at most those). It sleeps until units wait for vectors.
 */
final class VectorWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VectorWorker.class);
  private static final int PER_TURN = 16;
  private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);
  // Indexers and the model loader raise the signal in-process; this only bounds the cost of a bug.
  private static final Duration SAFETY = Duration.ofMinutes(10);

  private final Embeddings embeddings;
  private final Supplier<List<SearchIndex>> indexes;
  private final Thread thread;
  private volatile boolean running = true;

  VectorWorker(Embeddings embeddings, Supplier<List<SearchIndex>> indexes) {
    this.embeddings = embeddings;
    this.indexes = indexes;
    this.thread = new Thread(this::run, "memory-search-vectors");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    BackgroundPriority.lowerCurrentThread();
    long lastCommit = System.nanoTime();
    boolean dirty = false;
    while (running) {
      try {
        int done = 0;
        if (embeddings.ready().isPresent()) {
          for (SearchIndex index : indexes.get()) {
            done += embed(index, embeddings.ready().get());
          }
        }
        dirty |= done > 0;
        if (dirty && (done == 0 || System.nanoTime() - lastCommit > COMMIT_EVERY.toNanos())) {
          indexes.get().forEach(SearchIndex::commit);
          lastCommit = System.nanoTime();
          dirty = false;
        }
        if (done == 0) {
          embeddings.unitsWaiting().await(SAFETY);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("Expected to compute search vectors, but {}; retrying", e.toString());
          sleepQuietly();
        }
      }
    }
  }

  private int embed(SearchIndex index, Embedder embedder) {
    List<Unit> pending = index.pendingVectors(PER_TURN);
    Map<Unit, float[]> vectors = new LinkedHashMap<>();
    for (Unit unit : pending) {
      if (!running) {
        break;
      }
      vectors.put(unit, embedder.embed(unit.embeddingText()));
    }
    if (!vectors.isEmpty()) {
      index.putVectors(vectors);
      index.refresh();
    }
    return vectors.size();
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      running = false;
    }
  }

  /** Stops after the unit at hand; what is not committed yet is computed again at the next start. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    embeddings.unitsWaiting().raise();
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
