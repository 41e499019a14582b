package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Batch;

/**
 * One atomic write across the store's families: everything the stores' write verbs add to it is
 * committed together by {@link MemoryStore#write}, or nothing is (a crash in between leaves none).
 */
public final class WriteTx {
  private final Batch batch;

  WriteTx(Batch batch) {
    this.batch = batch;
  }

  Batch batch() {
    return batch;
  }
}
