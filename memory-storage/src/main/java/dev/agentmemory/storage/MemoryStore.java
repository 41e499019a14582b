package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.RocksStorage;
import java.nio.file.Path;

/** One opened store and its domain stores; closing it flushes and releases RocksDB. */
public final class MemoryStore implements AutoCloseable {
  private final RocksStorage storage;
  private final CheckpointStore checkpoints;
  private final OutboxStore outbox;
  private final EventStore events;
  private final TocStore toc;
  private final TocIndexStore tocIndex;
  private final JobStateStore jobs;

  private MemoryStore(RocksStorage storage) {
    this.storage = storage;
    this.checkpoints = new CheckpointStore(storage);
    this.outbox = new OutboxStore(storage, checkpoints);
    this.events = new EventStore(storage, outbox, checkpoints);
    this.jobs = new JobStateStore(checkpoints);
    this.toc = new TocStore(storage);
    this.tocIndex = new TocIndexStore(storage);
  }

  /** Opens the store in {@code dir} for reading and writing, creating it if needed. */
  public static MemoryStore open(Path dir) {
    return new MemoryStore(RocksStorage.open(dir));
  }

  /** Opens an existing store read-only, without its lock (works beside a running daemon). */
  public static MemoryStore openReadOnly(Path dir) {
    return new MemoryStore(RocksStorage.openReadOnly(dir));
  }

  public EventStore events() {
    return events;
  }

  public OutboxStore outbox() {
    return outbox;
  }

  public TocStore toc() {
    return toc;
  }

  public TocIndexStore tocIndex() {
    return tocIndex;
  }

  public JobStateStore jobs() {
    return jobs;
  }

  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  public RocksStorage storage() {
    return storage;
  }

  public Path path() {
    return storage.path();
  }

  /** Exact counts and disk usage (see {@link StoreStats}). */
  public StoreStats stats() {
    long disk = 0;
    // RocksDB keeps its files flat; subdirectories (projects/) are other stores.
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(storage.path())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (java.nio.file.Files.isRegularFile(file)) {
          disk += java.nio.file.Files.size(file);
        }
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // a file vanished under compaction: the total is approximate this once
    }
    return new StoreStats(storage.path(), events.count(), tocIndex.counter(TocIndexStore.NODE_COUNTER),
        checkpoints.getLong(TocStore.GRIP_COUNT_CHECKPOINT).orElse(0L), outbox.pending(), disk, warnings());
  }

  /** Problems with this store a person should act on: its disk, a damaged log (see {@link DamagedWal}). */
  public java.util.List<String> warnings() {
    java.util.List<String> warnings = new java.util.ArrayList<>(storage.diskWarnings());
    warnings.addAll(DamagedWal.notices(storage.path()));
    return warnings;
  }

  @Override
  public void close() {
    storage.close();
  }
}
