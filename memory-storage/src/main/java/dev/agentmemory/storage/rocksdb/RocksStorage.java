package dev.agentmemory.storage.rocksdb;

import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.storage.Closeables;
import dev.agentmemory.storage.DamagedWal;
import dev.agentmemory.storage.DiskLimits;
import dev.agentmemory.storage.StorageException;
import dev.agentmemory.storage.StorageFullException;
import dev.agentmemory.storage.StorageOpenException.Reason;
import dev.agentmemory.storage.StorageOpenException;
import dev.agentmemory.storage.StoreAccess;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.Cache;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RocksDB store with all {@link Cf column families}. Owns every native object it creates and
 * closes them in reverse order of creation.
 */
public final class RocksStorage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RocksStorage.class);
  // One cache for all families, so memory use has one bound however many families are busy.
  private static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;

  static {
    RocksDB.loadLibrary();
  }

  private final Path path;
  private final boolean readOnly;
  private final Closeables owned;
  private final RocksDB db;
  private final Map<Cf, ColumnFamilyHandle> handles;
  private final WriteOptions writeOptions;
  private DamagedWal damagedWal;
  private volatile DiskLimits diskLimits = DiskLimits.NONE;
  // Set when RocksDB itself met a full disk while writing its log: it then refuses every write
  // until the store is reopened (RocksJava has no resume()).
  private volatile boolean stoppedByFullDisk;
  private volatile boolean refusedLastWrite;
  private volatile Runnable onRefusalChange = () -> { };

  private RocksStorage(
      Path path,
      boolean readOnly,
      Closeables owned,
      RocksDB db,
      Map<Cf, ColumnFamilyHandle> handles,
      WriteOptions writeOptions) {
    this.path = path;
    this.readOnly = readOnly;
    this.owned = owned;
    this.db = db;
    this.handles = handles;
    this.writeOptions = writeOptions;
  }

  /**
   * Opens (creating if needed, with owner-only permissions) the store in {@code dir}. A write-ahead
   * log damaged before its end is recovered up to the damage, with a copy kept aside and the loss
   * reported by {@link #damagedWal()}; RocksDB alone would drop the rest without a word.
   */
  public static RocksStorage open(Path dir) {
    createStoreDirectory(dir);
    try {
      // Tolerates only a torn last record (a write cut short, never acknowledged).
      return open(dir, false, WALRecoveryMode.TolerateCorruptedTailRecords);
    } catch (StorageOpenException e) {
      if (e.reason() != Reason.CORRUPT) {
        throw e;
      }
      Path kept = DamagedWal.preserveLogs(dir, Instant.now());
      RocksStorage storage;
      try {
        storage = open(dir, false, WALRecoveryMode.PointInTimeRecovery);
      } catch (RuntimeException damagedElsewhere) {
        // not (only) the log: the copies would tell a wrong story
        DamagedWal.discard(kept);
        damagedElsewhere.addSuppressed(e);
        throw damagedElsewhere;
      }
      storage.damagedWal = DamagedWal.describe(dir, kept);
      LOG.error("{} {}", storage.damagedWal.notice(), storage.damagedWal.advice());
      return storage;
    }
  }

  /** Opens an existing store without taking its lock, so it works beside a running daemon. */
  public static RocksStorage openReadOnly(Path dir) {
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("CURRENT"))) {
      throw new StorageOpenException(
          dir, Reason.MISSING, "Expected a store at " + dir + ", but there is none", null);
    }
    return open(dir, true, WALRecoveryMode.PointInTimeRecovery);
  }

  /**
   * One block cache for every store of the process (a daemon opens one per project), so memory
   * stays bounded however many projects there are. It lives as long as the process.
   */
  private static final class SharedBlockCache {
    static final Cache INSTANCE = new LRUCache(BLOCK_CACHE_BYTES);
  }

  /**
   * Lets RocksDB recover by itself from a flush or compaction that met a full disk, once space is
   * free again (without one, such an error stops writes until the store is reopened).
   */
  private static final class SharedSstFileManager {
    static final SstFileManager INSTANCE = create();

    private static SstFileManager create() {
      try {
        return new SstFileManager(Env.getDefault());
      } catch (RocksDBException e) {
        throw new StorageException("Expected to create RocksDB's file manager, but " + e.getMessage(), e);
      }
    }
  }

  private static RocksStorage open(Path dir, boolean readOnly, WALRecoveryMode walRecovery) {
    Closeables owned = new Closeables();
    Consumer<AutoCloseable> own = owned::register;
    try {
      Cache cache = SharedBlockCache.INSTANCE;
      DBOptions dbOptions =
          new DBOptions()
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              // The design's budget for flushes and compactions on a 2-core laptop.
              .setMaxBackgroundJobs(4)
              // Families with few writes (outbox, checkpoints) would pin old WAL files; this
              // bound forces their memtables to flush so the WAL stays small.
              .setMaxTotalWalSize(128L * 1024 * 1024)
              // RocksDB's own LOG files in the store directory: keep a few, not forever.
              .setKeepLogFileNum(5)
              .setWalRecoveryMode(walRecovery);
      if (!readOnly) {
        dbOptions.setSstFileManager(SharedSstFileManager.INSTANCE);
      }
      own.accept(dbOptions);
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
      for (Cf cf : Cf.values()) {
        descriptors.add(new ColumnFamilyDescriptor(cf.nameBytes(), cf.newOptions(cache, own)));
      }
      List<ColumnFamilyHandle> handleList = new ArrayList<>();
      RocksDB db =
          readOnly
              ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handleList)
              : RocksDB.open(dbOptions, dir.toString(), descriptors, handleList);
      own.accept(db);
      // Handles must be closed before the database: pushed after it, they are closed first.
      handleList.forEach(own);
      Map<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
      for (Cf cf : Cf.values()) {
        handles.put(cf, handleList.get(cf.ordinal() + 1));
      }
      WriteOptions writeOptions = new WriteOptions();
      own.accept(writeOptions);
      LOG.debug("Opened store {} (read-only: {})", dir, readOnly);
      return new RocksStorage(dir, readOnly, owned, db, handles, writeOptions);
    } catch (RocksDBException e) {
      owned.closeAfter(e);
      throw openFailure(dir, e);
    } catch (RuntimeException e) {
      owned.closeAfter(e);
      throw e;
    }
  }

  /** A typed table over {@code cf}. */
  public <K, V> Table<K, V> table(Cf cf, KeyCodec<K> keys, ValueCodec<V> values) {
    return new Table<>(db, handles.get(cf), cf, keys, values);
  }

  /**
   * Commits everything {@code writes} adds to the batch atomically: after a crash either all of it
   * is there or none. The write is in RocksDB's write-ahead log before this returns, so it
   * survives the process being killed.
   */
  public void write(Consumer<Batch> writes) {
    DiskLimits limits = diskLimits;
    long free = limits.reserve() > 0 ? DiskLimits.free(path) : Long.MAX_VALUE;
    refused(free < limits.reserve());
    if (free < limits.reserve()) {
      throw new StorageFullException(path, free, limits.reserve(), null);
    }
    try (WriteBatch writeBatch = new WriteBatch()) {
      Batch batch = new Batch(writeBatch);
      writes.accept(batch);
      if (!batch.isEmpty()) {
        db.write(writeOptions, writeBatch);
      }
    } catch (RocksDBException e) {
      if (e.getStatus() != null && e.getStatus().getSubCode() == Status.SubCode.NoSpace) {
        stoppedByFullDisk = true;
        refused(true);
        throw new StorageFullException(path, DiskLimits.free(path), limits.reserve(), e);
      }
      throw new StorageException("Expected to commit a write to " + path + ", but RocksDB failed: " + e.getMessage(), e);
    }
  }

  /** Tells the listener when writes start or stop being refused for lack of space. */
  private void refused(boolean refused) {
    if (refused != refusedLastWrite) {
      refusedLastWrite = refused;
      onRefusalChange.run();
    }
  }

  /** Runs {@code listener} when a write is refused for lack of space after one was not, or the reverse. */
  public void onRefusalChange(Runnable listener) {
    this.onRefusalChange = listener;
  }

  /** Keeps {@code limits.reserve()} bytes free on the store's disk: writes below it are refused. */
  public void setDiskLimits(DiskLimits limits) {
    this.diskLimits = limits;
  }

  /**
   * Problems with the disk a person should act on: writes refused for lack of space, RocksDB
   * stopped by a full disk, or space running low. Empty when all is well.
   */
  public List<String> diskWarnings() {
    DiskLimits limits = diskLimits;
    long free = DiskLimits.free(path);
    if (stoppedByFullDisk) {
      return List.of("RocksDB stopped writing the store " + path + " when its disk filled up ("
          + DiskLimits.human(free) + " free now). Free some space, then restart the daemon (memory-daemon stop, "
          + "then start); nothing acknowledged is lost. Raise disk_reserve to keep this from happening.");
    }
    if (free < limits.reserve()) {
      return List.of("The disk holding the store " + path + " is full (" + DiskLimits.human(free)
          + " free, " + DiskLimits.human(limits.reserve()) + " kept in reserve): new events are refused. Free some "
          + "space; the daemon takes events again by itself.");
    }
    if (free < limits.warning()) {
      return List.of("Low disk space: " + DiskLimits.human(free) + " free on the disk holding the store "
          + path + " (new events are refused below " + DiskLimits.human(limits.reserve()) + "). Free some space.");
    }
    return List.of();
  }

  /** Whether writes are refused now for lack of disk space. */
  public boolean refusesWrites() {
    return stoppedByFullDisk || DiskLimits.free(path) < diskLimits.reserve();
  }

  /** The damaged write-ahead log this open recovered from, if it was damaged. */
  public Optional<DamagedWal> damagedWal() {
    return Optional.ofNullable(damagedWal);
  }

  /** The store's directory. */
  /** Reads every table file and checks its block checksums. */
  public void verifyChecksums() {
    try {
      db.verifyChecksum();
    } catch (RocksDBException e) {
      throw new StorageException("Expected every table file of " + path + " to match its checksums, but "
          + e.getMessage(), e);
    }
  }

  /** A consistent copy of the database in {@code target}, which must not exist. */
  public void checkpoint(Path target) {
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new StorageException("Expected to write a checkpoint of " + path + " to " + target + ", but "
          + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  public boolean isReadOnly() {
    return readOnly;
  }

  /** Flushes all memtables to disk, so that a restart replays no write-ahead log. */
  public void flush() {
    if (readOnly) {
      return;
    }
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, new ArrayList<>(handles.values()));
    } catch (RocksDBException e) {
      throw new StorageException("Expected to flush " + path + ", but RocksDB failed: " + e.getMessage(), e);
    }
  }

  /** Compacts one column family over its whole key range. */
  public void compact(Cf cf) {
    try {
      db.compactRange(handles.get(cf));
    } catch (RocksDBException e) {
      throw new StorageException("Expected to compact " + cf.rocksName() + " in " + path + ", but RocksDB failed: " + e.getMessage(), e);
    }
  }

  /** Flushes (unless read-only) and releases every native resource. */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      flush();
    } catch (RuntimeException e) {
      failure = e;
    }
    RuntimeException closeFailure = null;
    try {
      owned.close();
    } catch (Exception e) {
      closeFailure = new StorageException("Expected to release RocksDB resources, but one failed", e);
    }
    if (failure == null) {
      failure = closeFailure;
    } else if (closeFailure != null) {
      failure.addSuppressed(closeFailure);
    }
    if (failure != null) {
      throw failure;
    }
  }


  /** Creates {@code dir} (and parents) readable by its owner only, unless it exists. */
  public static void createStoreDirectory(Path dir) {
    Optional<String> problem = StoreAccess.problem(dir, true);
    if (problem.isPresent()) {
      throw new StorageOpenException(dir, Files.exists(dir) && !Files.isDirectory(dir) ? Reason.NOT_A_DIRECTORY
          : Reason.PERMISSION_DENIED, problem.get(), null);
    }
    try {
      PrivateFiles.createDirectories(dir);
    } catch (AccessDeniedException e) {
      throw new StorageOpenException(
          dir, Reason.PERMISSION_DENIED, "Permission denied: cannot create " + e.getFile(), e);
    } catch (IOException e) {
      throw new StorageOpenException(dir, Reason.OTHER, "cannot create the directory: " + e.getMessage(), e);
    }
  }

  private static StorageOpenException openFailure(Path dir, RocksDBException e) {
    String message = String.valueOf(e.getMessage());
    Status.Code code = e.getStatus() == null ? null : e.getStatus().getCode();
    Reason reason;
    if (message.contains("Permission denied")) {
      reason = Reason.PERMISSION_DENIED;
    } else if (message.contains("LOCK") || message.contains("lock hold")) {
      reason = Reason.LOCKED;
    } else if (code == Status.Code.Corruption || code == Status.Code.InvalidArgument
        // a missing manifest or CURRENT file: the store's own files are damaged or incomplete
        || message.contains("MANIFEST") || message.contains("CURRENT")) {
      reason = Reason.CORRUPT;
    } else {
      reason = Reason.OTHER;
    }
    return new StorageOpenException(dir, reason, message, e);
  }
}
