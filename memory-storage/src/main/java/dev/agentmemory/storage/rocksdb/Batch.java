package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.StorageException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Writes collected for one atomic commit across column families; see {@link RocksStorage#write}. */
public final class Batch {
  private final WriteBatch writeBatch;

  Batch(WriteBatch writeBatch) {
    this.writeBatch = writeBatch;
  }

  void put(ColumnFamilyHandle handle, byte[] key, byte[] value) {
    try {
      writeBatch.put(handle, key, value);
    } catch (RocksDBException e) {
      throw new StorageException("Expected to add a write to a batch, but RocksDB refused", e);
    }
  }

  void delete(ColumnFamilyHandle handle, byte[] key) {
    try {
      writeBatch.delete(handle, key);
    } catch (RocksDBException e) {
      throw new StorageException("Expected to add a delete to a batch, but RocksDB refused", e);
    }
  }

  void deleteRange(ColumnFamilyHandle handle, byte[] fromInclusive, byte[] toExclusive) {
    try {
      writeBatch.deleteRange(handle, fromInclusive, toExclusive);
    } catch (RocksDBException e) {
      throw new StorageException("Expected to add a range delete to a batch, but RocksDB refused", e);
    }
  }

  boolean isEmpty() {
    return writeBatch.count() == 0;
  }
}
