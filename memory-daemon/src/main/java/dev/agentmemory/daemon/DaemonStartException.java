package dev.agentmemory.daemon;

/** The daemon cannot start; the message says why and what to do, ready to show a person. */
public class DaemonStartException extends RuntimeException {
  public DaemonStartException(String message) {
    super(message);
  }

  public DaemonStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
