package dev.agentmemory.storage;

import java.time.Duration;

/**
 * How long a background worker (TOC, search index) waits before trying a failed step again:
 * {@code first}, then twice as long each time up to {@code max}, and {@code first} again once a
 * step succeeds. Not thread-safe: one per worker thread.
 */
public final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The wait before trying again after a failure; the next failure waits twice as long (at most max). */
  public Duration failed() {
    Duration wait = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return wait;
  }

  /** A step succeeded: the next failure waits {@code first} again. */
  public void succeeded() {
    next = first;
  }
}
