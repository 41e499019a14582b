package dev.agentmemory.domain;

/** The caller sent something malformed; the message names the field and what is wrong. */
public class InvalidArgumentException extends MemoryException {
  public InvalidArgumentException(String message) {
    super(message);
  }
}
