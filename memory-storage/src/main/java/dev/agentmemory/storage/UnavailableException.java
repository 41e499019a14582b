package dev.agentmemory.storage;

import dev.agentmemory.domain.MemoryException;

/** The service cannot answer now (for example, it is shutting down); the caller may retry. */
public class UnavailableException extends MemoryException {
  public UnavailableException(String message) {
    super(message);
  }
}
