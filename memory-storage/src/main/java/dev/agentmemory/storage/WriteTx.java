package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * One atomic write across the store's families: everything the stores' write verbs add to it is
 * committed together by {@link MemoryStore#write}, or nothing is (a crash in between leaves none).
 */
public final class WriteTx {
  private final Batch batch;
  private final List<Runnable> afterCommit = new ArrayList<>(1);

  WriteTx(Batch batch) {
    this.batch = batch;
  }

  Batch batch() {
    return batch;
  }

  /** Runs {@code action} once the write is committed (not if it fails): to tell waiting workers. */
  void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  void committed() {
    afterCommit.forEach(Runnable::run);
  }
}
