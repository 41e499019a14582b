package dev.agentmemory.search;

import dev.agentmemory.storage.Signal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one embedding model, loaded in the background (start-up does not wait for it),
 * shared by every store. If it cannot load here, keyword search goes on and {@link #status} says
 * why.
 */
public final class Embeddings implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Embeddings.class);

  private final Signal unitsWaiting = new Signal();
  private volatile Embedder embedder;
  private volatile String status;
  private final boolean enabled;

  private Embeddings(boolean enabled, String status) {
    this.enabled = enabled;
    this.status = status;
  }

  /** Starts loading the model on a thread of its own. */
  public static Embeddings loadInBackground() {
    Embeddings embeddings = new Embeddings(true, "loading");
    Thread loader = new Thread(() -> {
      BackgroundPriority.lowerCurrentThread(); // the model's own threads, started here, inherit it
      long start = System.nanoTime();
      try {
        embeddings.embedder = Embedder.load();
        // The model (23 MB) and its vocabulary were read through the heap, which grew by about
        // 60 MB for them; with the daemon's heap options (bin/memory-daemon) one full collection
        // now hands that back to the system instead of it staying resident for good.
        System.gc();
        embeddings.unitsWaiting.raise();
        LOG.info("Semantic search ready (model loaded in {} ms)", (System.nanoTime() - start) / 1_000_000);
      } catch (RuntimeException | LinkageError e) {
        embeddings.status = "unavailable: " + e.getMessage();
        LOG.warn("Semantic search is unavailable ({}); keyword search works", e.getMessage());
      }
    }, "memory-embedding-load");
    loader.setDaemon(true);
    loader.start();
    return embeddings;
  }

  /** No semantic search (configured off): units are indexed without waiting for vectors. */
  public static Embeddings off() {
    return new Embeddings(false, "off (search.vectors = false)");
  }

  /**
   * Semantic search on, but no model in this process (an admin command with the daemon stopped):
   * units are indexed waiting for their vectors, which the daemon computes.
   */
  public static Embeddings deferred() {
    return new Embeddings(true, "not loaded by this command (the daemon computes vectors)");
  }

  /** "ready" (as soon as the model can be used), "loading", "off (...)" or "unavailable: why". */
  public String status() {
    return embedder != null ? "ready" : status;
  }

  /** Whether units are indexed waiting for their vectors (semantic search is configured on). */
  boolean expected() {
    return enabled;
  }

  /** Raised when units wait for vectors (indexed, or the model just loaded): the vector worker waits on it. */
  Signal unitsWaiting() {
    return unitsWaiting;
  }

  /** The model, once loaded. */
  Optional<Embedder> ready() {
    return Optional.ofNullable(embedder);
  }

  @Override
  public void close() {
    Embedder loaded = embedder;
    if (loaded != null) {
      loaded.close();
    }
  }
}
