package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Batch;
import dev.agentmemory.storage.rocksdb.BinaryReader;
import dev.agentmemory.storage.rocksdb.BinaryWriter;
import dev.agentmemory.storage.rocksdb.CheckpointCodecs;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import java.util.Optional;
import java.util.OptionalLong;

/** Named progress markers of workers and jobs, written atomically with the work they record. */
public final class CheckpointStore {
  private final RocksStorage storage;
  private final Table<String, byte[]> table;

  public CheckpointStore(RocksStorage storage) {
    this.storage = storage;
    this.table = storage.table(Cf.CHECKPOINTS, CheckpointCodecs.NAME, CheckpointCodecs.PAYLOAD);
  }

  public Optional<byte[]> get(String name) {
    return table.get(name);
  }

  /** Records {@code payload} under {@code name} as part of {@code batch}. */
  public void put(Batch batch, String name, byte[] payload) {
    table.upsert(batch, name, payload);
  }

  public void put(String name, byte[] payload) {
    storage.write(batch -> put(batch, name, payload));
  }

  public void delete(String name) {
    storage.write(batch -> table.deleteIfExists(batch, name));
  }

  public OptionalLong getLong(String name) {
    return get(name).map(bytes -> OptionalLong.of(new BinaryReader(bytes).readLong())).orElse(OptionalLong.empty());
  }

  public void putLong(Batch batch, String name, long value) {
    put(batch, name, new BinaryWriter(8).writeLong(value).toByteArray());
  }
}
