package dev.agentmemory.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much free space a store keeps on its disk.
 *
 * @param reserve below this many free bytes, writes are refused (so RocksDB never meets a full
 *     disk: a write-ahead log it cannot append to stops it until the store is reopened)
 * @param warning below this many free bytes, the store warns
 */
public record DiskLimits(long reserve, long warning) {
  /** No guard (tests, benchmarks, offline tools on copies). */
  public static final DiskLimits NONE = new DiskLimits(0, 0);

  /** Free bytes on the file system holding {@code path} (Long.MAX_VALUE when it cannot be told). */
  public static long free(Path path) {
    try {
      return Files.getFileStore(path).getUsableSpace();
    } catch (IOException | SecurityException e) {
      return Long.MAX_VALUE;
    }
  }

  /** "12.3 MiB", for messages. */
  public static String human(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format("%.1f GiB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }
    return bytes >= 1L << 10 ? String.format("%.1f KiB", bytes / (double) (1L << 10)) : bytes + " bytes";
  }
}
