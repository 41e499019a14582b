package dev.agentmemory.storage.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionOptionsUniversal;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;

/**
 * The column families of a store. The first six are the contract of the operations guide. Two more
 * hold indexes: {@code event_ids} (event id to log position, kept apart from the log so that point
 * lookups get a bloom filter and level compaction while the log is tuned for range scans) and
 * {@code toc_index} (the TOC builder's working indexes, rebuildable from the log).
 */
public enum Cf {
  /** The append-only event log, ordered by source timestamp then event id. */
  EVENTS("events", Tuning.LOG),
  /** Versioned TOC nodes: every change is a new version, old versions are kept. */
  TOC_NODES("toc_nodes", Tuning.POINT),
  /** Pointer from a node id to its latest version. */
  TOC_LATEST("toc_latest", Tuning.POINT),
  /** Grips: excerpts linking summary bullets to the events that support them. */
  GRIPS("grips", Tuning.POINT),
  /** Work queue of new events for the TOC builder. */
  OUTBOX("outbox", Tuning.QUEUE),
  /** Progress markers of workers and jobs. */
  CHECKPOINTS("checkpoints", Tuning.POINT),
  /** Index from event id to its position in {@link #EVENTS}, for idempotent ingest. */
  EVENT_IDS("event_ids", Tuning.POINT),
  /**
   * The TOC builder's own indexes, each under a one-byte key prefix: events by session, segment
   * states, segments by day, term document frequencies.
   */
  TOC_INDEX("toc_index", Tuning.POINT);

  private final String rocksName;
  private final Tuning tuning;

  Cf(String rocksName, Tuning tuning) {
    this.rocksName = rocksName;
    this.tuning = tuning;
  }

  /** Name of the column family inside RocksDB (and in the operations guide). */
  public String rocksName() {
    return rocksName;
  }

  byte[] nameBytes() {
    return rocksName.getBytes(StandardCharsets.UTF_8);
  }

  /** Looks a family up by its RocksDB name; empty when there is none. */
  public static Optional<Cf> byRocksName(String name) {
    for (Cf cf : values()) {
      if (cf.rocksName.equals(name)) {
        return Optional.of(cf);
      }
    }
    return Optional.empty();
  }

  /** New options for this family; every native object created is handed to {@code owner}. */
  ColumnFamilyOptions newOptions(Cache blockCache, Consumer<AutoCloseable> owner) {
    ColumnFamilyOptions options = new ColumnFamilyOptions();
    owner.accept(options);
    BloomFilter bloom = new BloomFilter(10);
    owner.accept(bloom);
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(blockCache)
            // Bloom filters make "is this id/key present?" cheap: ingest checks every event id.
            .setFilterPolicy(bloom);
    switch (tuning) {
      case LOG -> {
        // Write-heavy, append-mostly data: universal compaction keeps write amplification low.
        options.setCompactionStyle(CompactionStyle.UNIVERSAL);
        CompactionOptionsUniversal universal = new CompactionOptionsUniversal();
        owner.accept(universal);
        options.setCompactionOptionsUniversal(universal);
        // Conversation text compresses well; zstd gives the best ratio at acceptable CPU.
        options.setCompressionType(CompressionType.ZSTD_COMPRESSION);
        options.setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
        // Larger blocks compress better; reads are range scans, so block size costs little.
        table.setBlockSize(16 * 1024);
        options.setWriteBufferSize(64L * 1024 * 1024);
      }
      case POINT -> {
        // Small values read by key: level compaction bounds read amplification; values are small
        // or already compact, so compression would cost CPU for little space.
        options.setCompactionStyle(CompactionStyle.LEVEL);
        options.setCompressionType(CompressionType.NO_COMPRESSION);
        options.setWriteBufferSize(16L * 1024 * 1024);
      }
      case QUEUE -> {
        // A queue: FIFO compaction would drop the oldest files once a size is reached, consumed
        // or not, so an outage of the consumer could lose work. Level compaction with range
        // deletes of consumed entries never drops an unconsumed entry and reclaims the space.
        options.setCompactionStyle(CompactionStyle.LEVEL);
        options.setCompressionType(CompressionType.NO_COMPRESSION);
        options.setWriteBufferSize(8L * 1024 * 1024);
      }
    }
    options.setTableFormatConfig(table);
    return options;
  }

  private enum Tuning {
    LOG,
    POINT,
    QUEUE
  }
}
