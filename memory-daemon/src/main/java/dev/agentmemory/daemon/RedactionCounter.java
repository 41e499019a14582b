package dev.agentmemory.daemon;

import dev.agentmemory.storage.CheckpointStore;
import java.util.function.IntConsumer;

/** Counts redacted secrets in {@code checkpoints} ({@code redactions.count}), for stats. */
public final class RedactionCounter implements IntConsumer {
  /** Checkpoint holding the number of secrets redacted so far. */
  public static final String CHECKPOINT = "redactions.count";

  private final CheckpointStore checkpoints;

  public RedactionCounter(CheckpointStore checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Override
  public synchronized void accept(int redactions) {
    long total = checkpoints.getLong(CHECKPOINT).orElse(0L) + redactions;
    checkpoints.put(CHECKPOINT, new dev.agentmemory.storage.rocksdb.BinaryWriter(8).writeLong(total).toByteArray());
  }

  public static long count(CheckpointStore checkpoints) {
    return checkpoints.getLong(CHECKPOINT).orElse(0L);
  }
}
