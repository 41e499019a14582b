package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.StorageException;
import dev.agentmemory.storage.StorageInconsistencyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A typed view of one column family: keys and values pass through their codecs, so no caller
 * handles raw bytes. Writes go into a {@link Batch} and become visible when it commits.
 */
public final class Table<K, V> {
  private final RocksDB db;
  private final ColumnFamilyHandle handle;
  private final Cf cf;
  private final KeyCodec<K> keys;
  private final ValueCodec<V> values;

  Table(RocksDB db, ColumnFamilyHandle handle, Cf cf, KeyCodec<K> keys, ValueCodec<V> values) {
    this.db = db;
    this.handle = handle;
    this.cf = cf;
    this.keys = keys;
    this.values = values;
  }

  public Optional<V> get(K key) {
    try {
      byte[] raw = db.get(handle, keys.encode(key));
      return raw == null ? Optional.empty() : Optional.of(values.decode(raw));
    } catch (RocksDBException e) {
      throw new StorageException("Expected to read " + key + " from " + cf.rocksName() + ", but RocksDB failed", e);
    }
  }

  /**
   * The values of {@code keys}, in their order, {@code null} where a key is absent: one call to
   * RocksDB however many keys (a page of children reads its nodes at once).
   */
  public List<V> getAll(List<K> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<byte[]> encoded = new ArrayList<>(keys.size());
    List<ColumnFamilyHandle> handles = new ArrayList<>(keys.size());
    for (K key : keys) {
      encoded.add(this.keys.encode(key));
      handles.add(handle);
    }
    try {
      List<byte[]> raw = db.multiGetAsList(handles, encoded);
      List<V> result = new ArrayList<>(raw.size());
      for (byte[] value : raw) {
        result.add(value == null ? null : values.decode(value));
      }
      return result;
    } catch (RocksDBException e) {
      throw new StorageException("Expected to read " + keys.size() + " keys from " + cf.rocksName()
          + ", but RocksDB failed", e);
    }
  }

  /** Adds {@code key -> value}; a key already present means a bug upstream. */
  public void insert(Batch batch, K key, V value) {
    if (get(key).isPresent()) {
      throw new StorageInconsistencyException(
          "Expected " + key + " to be new in " + cf.rocksName() + ", but it is already present");
    }
    upsert(batch, key, value);
  }

  /** Sets {@code key -> value}, replacing any previous value. */
  public void upsert(Batch batch, K key, V value) {
    batch.put(handle, keys.encode(key), values.encode(value));
  }

  public void deleteIfExists(Batch batch, K key) {
    batch.delete(handle, keys.encode(key));
  }

  /** Deletes every key in {@code [fromInclusive, toExclusive)} with one range tombstone. */
  public void deleteRange(Batch batch, K fromInclusive, K toExclusive) {
    batch.deleteRange(handle, keys.encode(fromInclusive), keys.encode(toExclusive));
  }

  /**
   * Deletes every key of the whole column family (all tables sharing it), with one range
   * tombstone. Keys never start with 0xFF bytes in our layouts, so the range covers them all.
   */
  public void deleteWholeFamily(Batch batch) {
    byte[] end = new byte[32];
    Arrays.fill(end, (byte) 0xFF);
    batch.deleteRange(handle, new byte[0], end);
  }

  /** Entries with keys in {@code [fromInclusive, toExclusive)}, in key order; null = unbounded. */
  public CloseableIterator<Entry<K, V>> scan(K fromInclusive, K toExclusive) {
    return new RangeIterator(
        fromInclusive == null ? null : keys.encode(fromInclusive),
        toExclusive == null ? null : keys.encode(toExclusive),
        false);
  }

  /** Entries with keys in {@code [fromInclusive, toExclusive)}, in reverse key order. */
  public CloseableIterator<Entry<K, V>> scanBackward(K fromInclusive, K toExclusive) {
    return new RangeIterator(
        fromInclusive == null ? null : keys.encode(fromInclusive),
        toExclusive == null ? null : keys.encode(toExclusive),
        true);
  }

  /** The column family this table reads and writes. */
  public Cf cf() {
    return cf;
  }

  private final class RangeIterator implements CloseableIterator<Entry<K, V>> {
    private final ReadOptions readOptions = new ReadOptions();
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator iterator;
    private final boolean backward;

    RangeIterator(byte[] from, byte[] to, boolean backward) {
      this.backward = backward;
      lower = from == null ? null : new Slice(from);
      upper = to == null ? null : new Slice(to);
      if (lower != null) {
        readOptions.setIterateLowerBound(lower);
      }
      if (upper != null) {
        readOptions.setIterateUpperBound(upper);
      }
      iterator = db.newIterator(handle, readOptions);
      if (backward) {
        iterator.seekToLast();
      } else {
        iterator.seekToFirst();
      }
    }

    @Override
    public boolean hasNext() {
      if (iterator.isValid()) {
        return true;
      }
      try {
        iterator.status();
      } catch (RocksDBException e) {
        throw new StorageException("Expected to iterate " + cf.rocksName() + ", but RocksDB failed", e);
      }
      return false;
    }

    @Override
    public Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Entry<K, V> entry = new Entry<>(keys.decode(iterator.key()), values.decode(iterator.value()));
      if (backward) {
        iterator.prev();
      } else {
        iterator.next();
      }
      return entry;
    }

    @Override
    public void close() {
      iterator.close();
      readOptions.close();
      if (lower != null) {
        lower.close();
      }
      if (upper != null) {
        upper.close();
      }
    }
  }
}
