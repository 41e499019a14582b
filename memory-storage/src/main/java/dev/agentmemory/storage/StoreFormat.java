package dev.agentmemory.storage;

import java.util.function.Consumer;

/**
 * The layout version of a store as a whole (families, keys, what derived data exists), kept in the
 * checkpoint {@code store.format}. A release reads stores up to {@link #CURRENT}: a newer one is
 * refused at open, naming both versions; an older one is upgraded in place, one step at a time,
 * by {@link #upgrade} (the daemon copies the store aside first).
 *
 * <p>Versions: 0, a store written before versions were recorded (same layout as 1); 1, the layout
 * of release 0.1 (docs/storage.md).
 */
public final class StoreFormat {
  public static final long CURRENT = 1;

  private StoreFormat() {}

  /** The store's version: recorded, else 0 for a store that holds anything, else {@link #CURRENT}. */
  static long of(CheckpointStore checkpoints, boolean empty) {
    return checkpoints.get(Checkpoint.STORE_FORMAT).orElse(empty ? CURRENT : 0L);
  }

  /**
   * Brings the store to {@link #CURRENT}; each step is atomic and recorded, so an interrupted
   * upgrade resumes at the next open. Returns the version it started from.
   */
  static long upgrade(MemoryStore store, Consumer<String> log) {
    long from = store.format();
    for (long version = from; version < CURRENT; version++) {
      long next = version + 1;
      // 0 -> 1: the layout is the same; only the version was not recorded.
      log.accept("Upgrading the store " + store.path() + " from format " + version + " to " + next);
      store.checkpoints().put(Checkpoint.STORE_FORMAT, next);
    }
    return from;
  }
}
