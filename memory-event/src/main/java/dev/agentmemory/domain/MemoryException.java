package dev.agentmemory.domain;

/**
 * Base of the domain errors every layer throws and the gRPC adapter maps to a status code in one
 * place. It lives in the lowest module so that storage, toc, scheduler and daemon share it.
 */
public class MemoryException extends RuntimeException {
  public MemoryException(String message) {
    super(message);
  }

  public MemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
