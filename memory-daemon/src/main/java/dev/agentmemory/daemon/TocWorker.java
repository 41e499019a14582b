package dev.agentmemory.daemon;

import dev.agentmemory.event.Event;
import dev.agentmemory.storage.Backoff;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.OutboxEntry;
import dev.agentmemory.storage.StorageFullException;
import dev.agentmemory.toc.TocBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the table of contents up to date: consumes the outbox in order, a batch at a time, each
 * batch built and acknowledged in one atomic write. It sleeps until the outbox signals a new
 * event; after a batch it waits the refresh interval before the next, so a busy session makes one
 * new TOC version per interval, not one per event, and an idle one costs nothing.
 */
public final class TocWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TocWorker.class);
  private static final int BATCH = 2_000;
  // The outbox's signal is in-process and reliable; this only bounds the cost of a bug.
  private static final Duration SAFETY = Duration.ofMinutes(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final MemoryStore store;
  private final TocBuilder builder;
  private final Duration interval;
  private final Thread thread;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Object closing = new Object();
  private volatile boolean running = true;

  public TocWorker(MemoryStore store, TocBuilder builder, Duration interval) {
    this.store = store;
    this.builder = builder;
    this.interval = interval;
    this.thread = new Thread(this::run, "memory-toc-worker");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Runs {@code listener} on the worker's thread after every batch that changed the TOC. */
  public void onBuilt(Runnable listener) {
    listeners.add(listener);
  }

  /** Builds the TOC for everything the outbox holds now; used by the worker loop (and benchmarks). */
  public int drain() {
    int built = 0;
    while (true) {
      Batch batch = builder.exclusively(this::buildNextBatch);
      built += batch.built();
      if (batch.taken() < BATCH) {
        return built;
      }
    }
  }

  /**
   * Reads the next batch and builds it in one exclusive step: a forget (or rebuild) between the
   * read and the build would otherwise see its deleted events built into the TOC again.
   */
  private Batch buildNextBatch() {
    List<OutboxEntry> entries = store.outbox().peek(BATCH);
    if (entries.isEmpty()) {
      return new Batch(0, 0);
    }
    List<Event> events = new ArrayList<>(entries.size());
    for (OutboxEntry entry : entries) {
      store.events().get(entry.eventKey()).ifPresent(events::add);
    }
    builder.apply(events, OptionalLong.of(entries.get(entries.size() - 1).sequence()));
    return new Batch(entries.size(), events.size());
  }

  private record Batch(int taken, int built) {}

  private void run() {
    Backoff backoff = new Backoff(interval, MAX_BACKOFF);
    while (running) {
      try {
        int built = drain();
        backoff.succeeded();
        if (built > 0) {
          LOG.debug("Built the TOC for {} new events", built);
          notifyListeners();
          pause(interval);
        } else {
          store.outbox().appended().await(SAFETY);
        }
      } catch (InterruptedException e) {
        return;
      } catch (StorageFullException e) {
        LOG.debug("The TOC waits for disk space: {}", e.getMessage()); // the disk watch reports it
        pause(backoff.failed());
      } catch (RuntimeException e) {
        Duration wait = backoff.failed();
        LOG.error("Expected to build the TOC from new events, but it failed; retrying in {}", wait, e);
        pause(wait);
      }
    }
  }

  /** Tells the listeners that the TOC changed outside the worker (a rebuild, a forget). */
  public void changed() {
    notifyListeners();
  }

  /**
   * Each listener runs exclusively of the TOC's steps: what it reads of the TOC and writes from it
   * (the session-start memory) can then not straddle a forget, which would leave a file written
   * from the TOC before the forget on the disk after it.
   */
  private void notifyListeners() {
    for (Runnable listener : listeners) {
      try {
        builder.exclusively(() -> {
          listener.run();
          return null;
        });
      } catch (RuntimeException e) {
        LOG.warn("Expected to act on the new TOC, but {}", e.toString());
      }
    }
  }

  /** Waits the whole duration: new events do not cut it short, only {@link #close()} does. */
  private void pause(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    synchronized (closing) {
      long left;
      while (running && (left = deadline - System.nanoTime()) > 0) {
        try {
          closing.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          running = false;
        }
      }
    }
  }

  /** Lets the current batch finish (bounded), then stops. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    synchronized (closing) {
      closing.notifyAll();
    }
    store.outbox().appended().raise();
    thread.join(Duration.ofSeconds(60).toMillis());
    if (thread.isAlive()) {
      LOG.warn("Expected the TOC worker to stop within 60 s, but it is still building; the store closes anyway");
    }
  }
}
