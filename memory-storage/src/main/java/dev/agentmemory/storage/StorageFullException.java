package dev.agentmemory.storage;

import java.nio.file.Path;

/** A write refused because the disk holding the store is (nearly) full; it succeeds once space is freed. */
public class StorageFullException extends StorageException {
  public StorageFullException(Path store, long freeBytes, long reserveBytes, Throwable cause) {
    super("The disk holding the store " + store + " is full: " + DiskLimits.human(freeBytes) + " free, "
        + DiskLimits.human(reserveBytes) + " kept in reserve. Nothing was stored. Free some space there (or lower "
        + "disk_reserve); the daemon takes events again by itself, and hooks keep theirs in the spool meanwhile.",
        cause);
  }
}
