package dev.agentmemory.storage;

import dev.agentmemory.domain.MemoryException;

/** Stored data contradicts an invariant (a bug or corruption); not recoverable by retrying. */
public class StorageInconsistencyException extends MemoryException {
  public StorageInconsistencyException(String message) {
    super(message);
  }
}
