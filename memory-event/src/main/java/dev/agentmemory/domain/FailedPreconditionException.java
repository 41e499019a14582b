package dev.agentmemory.domain;

/** The request is well-formed but the system is not in a state to carry it out. */
public class FailedPreconditionException extends MemoryException {
  public FailedPreconditionException(String message) {
    super(message);
  }
}
