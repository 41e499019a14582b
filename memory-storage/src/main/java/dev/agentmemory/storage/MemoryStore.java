package dev.agentmemory.storage;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.domain.StoreStats;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** One opened store and its domain stores; closing it flushes and releases RocksDB. */
public final class MemoryStore implements TocReader, AutoCloseable {
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

  /**
   * Opens the store in {@code dir} for reading and writing, creating it if needed (a new or empty
   * store records {@link StoreFormat#CURRENT}).
   *
   * @throws StorageOpenException NEWER_FORMAT when a newer release wrote it
   */
  public static MemoryStore open(Path dir) {
    MemoryStore store = refuseNewer(new MemoryStore(RocksStorage.open(dir)));
    if (store.checkpoints.get(Checkpoint.STORE_FORMAT).isEmpty() && store.format() == StoreFormat.CURRENT) {
      // new (or still empty): nothing to upgrade, it is in this release's format from now on
      store.checkpoints.put(Checkpoint.STORE_FORMAT, StoreFormat.CURRENT);
    }
    return store;
  }

  /** Opens an existing store read-only, without its lock (works beside a running daemon). */
  public static MemoryStore openReadOnly(Path dir) {
    return refuseNewer(new MemoryStore(RocksStorage.openReadOnly(dir)));
  }

  private static MemoryStore refuseNewer(MemoryStore store) {
    long format = store.format();
    if (format > StoreFormat.CURRENT) {
      store.close();
      throw new StorageOpenException(store.path(), StorageOpenException.Reason.NEWER_FORMAT,
          "The store at " + store.path() + " is in format " + format + ", written by a newer release; this one ("
              + "format " + StoreFormat.CURRENT + ") cannot read it. Run the newer release, or restore a backup made "
              + "before the upgrade (memory-daemon admin restore)", null);
    }
    return store;
  }

  /** The store's layout version ({@link StoreFormat}). */
  public long format() {
    return StoreFormat.of(checkpoints, events.count() == 0 && checkpoints.get(Checkpoint.OUTBOX_ACKED).isEmpty());
  }

  /** Whether the store is in an older format than this release writes: {@link #upgrade} is due. */
  public boolean needsUpgrade() {
    return format() < StoreFormat.CURRENT;
  }

  /** Upgrades the store in place to {@link StoreFormat#CURRENT}; returns the format it had. */
  public long upgrade(Consumer<String> log) {
    return StoreFormat.upgrade(this, log);
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

  /**
   * Commits everything {@code work} adds to its transaction atomically: after a crash all of it
   * is there or none. It is in the write-ahead log before this returns.
   */
  public void write(Consumer<WriteTx> work) {
    WriteTx[] tx = new WriteTx[1];
    storage.write(batch -> {
      tx[0] = new WriteTx(batch);
      work.accept(tx[0]);
    });
    tx[0].committed();
  }

  /** Creates {@code dir} (and parents) readable by its owner only, unless it exists. */
  public static void createDirectory(Path dir) {
    RocksStorage.createStoreDirectory(dir);
  }

  /** Keeps free space on the store's disk: below the reserve, writes are refused. */
  public void setDiskLimits(DiskLimits limits) {
    storage.setDiskLimits(limits);
  }

  /** Runs {@code listener} when a write is refused for lack of space after one was not, or the reverse. */
  public void onRefusalChange(Runnable listener) {
    storage.onRefusalChange(listener);
  }

  /** Whether writes are refused now for lack of disk space. */
  public boolean refusesWrites() {
    return storage.refusesWrites();
  }

  /** Problems with the disk a person should act on (full, nearly full). */
  public List<String> diskWarnings() {
    return storage.diskWarnings();
  }

  /** The damaged write-ahead log this open recovered from, if it was damaged. */
  public Optional<DamagedWal> damagedWal() {
    return storage.damagedWal();
  }

  /** The names of the store's column families. */
  public static List<String> families() {
    return Arrays.stream(Cf.values()).map(Cf::rocksName).toList();
  }

  /**
   * Compacts the family named {@code family}, or all of them when it is blank; returns which.
   *
   * @throws InvalidArgumentException naming the valid families when there is none of that name
   */
  public List<String> compact(String family) {
    if (family == null || family.isBlank()) {
      for (Cf cf : Cf.values()) {
        storage.compact(cf);
      }
      return families();
    }
    Cf cf = Cf.byRocksName(family.trim()).orElseThrow(() -> new InvalidArgumentException(
        "column_family '" + family + "' does not exist. Valid ones: " + String.join(", ", families())));
    storage.compact(cf);
    return List.of(cf.rocksName());
  }

  /**
   * Checks the store: RocksDB's block checksums of every table file, then its own invariants (the
   * id index matches the log, the event counter is exact, the outbox names stored events and no
   * consumer is ahead of the log, every TOC node's children and grips resolve to stored events).
   * Reads everything once; on a read-only open it works beside a running daemon.
   */
  public StoreVerification verify() {
    List<String> problems = new ArrayList<>();
    try {
      storage.verifyChecksums();
    } catch (StorageException e) {
      problems.add("RocksDB checksums: " + e.getMessage());
    }
    long[] counts = new long[3];
    checking("the event log", problems, () -> counts[0] = events.verify(problems::add));
    checking("the outbox", problems, () -> outbox.verify(problems::add, key -> events.get(key).isPresent()));
    checking("the TOC", problems, () -> {
      long[] toc = this.toc.verify(problems::add, id -> events.get(id).isPresent());
      counts[1] = toc[0];
      counts[2] = toc[1];
    });
    return new StoreVerification(storage.path(), counts[0], counts[1], counts[2], problems);
  }

  /** Runs one part of a verification; a part that cannot be read is a problem, not the end. */
  private static void checking(String part, List<String> problems, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      problems.add("cannot read " + part + ": " + e.getMessage());
    }
  }

  /**
   * Writes a consistent copy of the store to {@code target}, which must not exist yet (RocksDB
   * checkpoint: table files hard-linked when on the same file system, copied otherwise). Safe
   * while the store is being written to. Subdirectories (projects/, search/) are not included.
   */
  public void checkpoint(Path target) {
    storage.checkpoint(target);
  }

  /** Flushes every memtable to disk, so that a restart replays no write-ahead log. */
  public void flush() {
    storage.flush();
  }

  public Path path() {
    return storage.path();
  }

  /** Exact counts and disk usage (see {@link StoreStats}). */
  public StoreStats stats() {
    long disk = 0;
    // RocksDB keeps its files flat; subdirectories (projects/) are other stores.
    try (Stream<Path> files = Files.list(storage.path())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          disk += Files.size(file);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a file vanished under compaction: the total is approximate this once
    }
    return new StoreStats(storage.path(), events.count(), tocIndex.counter(TocIndexStore.NODE_COUNTER),
        checkpoints.get(Checkpoint.GRIPS_COUNT).orElse(0L), outbox.pending(), disk, warnings(), format(), events.agents());
  }

  /** Problems with this store a person should act on: its disk, a damaged log (see {@link DamagedWal}). */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>(diskWarnings());
    warnings.addAll(DamagedWal.notices(storage.path()));
    return warnings;
  }

  @Override
  public List<TocNode> latestOfLevel(TocLevel level) {
    return toc.latestOfLevel(level);
  }

  @Override
  public Optional<TocNode> node(String nodeId) {
    return toc.latest(nodeId);
  }

  @Override
  public List<TocNode> nodes(List<String> nodeIds) {
    return toc.latest(nodeIds);
  }

  @Override
  public Optional<Grip> grip(String gripId) {
    return toc.grip(gripId);
  }

  @Override
  public Optional<Event> event(String eventId) {
    return events.get(eventId);
  }

  @Override
  public Optional<Event> event(EventKey key) {
    return events.get(key);
  }

  @Override
  public List<SessionEntry> session(String sessionId, long fromMs, long toMs) {
    return tocIndex.session(sessionId, fromMs, toMs);
  }

  @Override
  public List<SessionEntry> sessionBefore(String sessionId, EventKey event, int count) {
    return tocIndex.sessionBefore(sessionId, event, count);
  }

  @Override
  public List<SessionEntry> sessionAfter(String sessionId, EventKey event, int count) {
    return tocIndex.sessionAfter(sessionId, event, count);
  }

  @Override
  public void close() {
    storage.close();
  }
}
