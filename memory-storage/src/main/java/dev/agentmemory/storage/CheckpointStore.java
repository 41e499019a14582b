package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.CheckpointCodecs;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import java.util.Optional;

/** The {@link Checkpoint}s of a store, written atomically with the work they record. */
public final class CheckpointStore {
  private final RocksStorage storage;
  private final Table<String, byte[]> table;

  CheckpointStore(RocksStorage storage) {
    this.storage = storage;
    this.table = storage.table(Cf.CHECKPOINTS, CheckpointCodecs.NAME, CheckpointCodecs.PAYLOAD);
  }

  public <T> Optional<T> get(Checkpoint<T> checkpoint) {
    return table.get(checkpoint.key()).map(checkpoint::decode);
  }

  /** Records {@code value} as part of {@code tx}. */
  public <T> void put(WriteTx tx, Checkpoint<T> checkpoint, T value) {
    table.upsert(tx.batch(), checkpoint.key(), checkpoint.encode(value));
  }

  /** Records {@code value} in a write of its own. */
  public <T> void put(Checkpoint<T> checkpoint, T value) {
    storage.write(batch -> put(new WriteTx(batch), checkpoint, value));
  }

  /** The audit entries of {@code admin forget}, oldest first. */
  public java.util.List<String> audit() {
    java.util.List<String> entries = new java.util.ArrayList<>();
    String from = Checkpoint.AUDIT_PREFIX;
    String to = from.substring(0, from.length() - 1) + (char) (from.charAt(from.length() - 1) + 1);
    try (CloseableIterator<dev.agentmemory.storage.rocksdb.Entry<String, byte[]>> it = table.scan(from, to)) {
      it.forEachRemaining(entry -> entries.add(new String(entry.value(), java.nio.charset.StandardCharsets.UTF_8)));
    }
    return entries;
  }

  public void delete(Checkpoint<?> checkpoint) {
    storage.write(batch -> table.deleteIfExists(batch, checkpoint.key()));
  }
}
