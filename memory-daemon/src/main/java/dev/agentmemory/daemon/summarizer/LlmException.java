package dev.agentmemory.daemon.summarizer;

/** A summarization request failed; {@link #retryable()} says whether trying again may help. */
public class LlmException extends RuntimeException {
  private final boolean retryable;
  private final long retryAfterMs;

  public LlmException(String message, boolean retryable, long retryAfterMs, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }

  public LlmException(String message, boolean retryable) {
    this(message, retryable, 0, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** What the server asked us to wait (Retry-After), 0 when it did not say. */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
