package dev.agentmemory.storage;

import dev.agentmemory.domain.MemoryException;

/** A RocksDB operation failed; the message says what was attempted. Usually recoverable. */
public class StorageException extends MemoryException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
