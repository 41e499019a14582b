package dev.agentmemory.domain;

/** The caller named something that does not exist. */
public class NotFoundException extends MemoryException {
  public NotFoundException(String message) {
    super(message);
  }
}
