package dev.agentmemory.storage;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resources closed together, last registered first (the reverse of the order they were opened
 * in), every one of them even when some fail: the first failure is thrown, the others are added to
 * it as suppressed (Lucene's {@code IOUtils.close}).
 */
public final class Closeables implements AutoCloseable {
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Registers {@code resource} to be closed before everything registered earlier; returns it. */
  public <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Closes everything; throws the first failure with the others suppressed. */
  @Override
  public void close() throws Exception {
    Exception failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes everything after {@code failure} happened; what fails now is suppressed into it. */
  public void closeAfter(Throwable failure) {
    try {
      close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  /** Closes everything; a failure is rethrown unchecked with {@code message}. */
  public void closeUnchecked(String message) {
    try {
      close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(message + ": " + e.getMessage(), e);
    }
  }
}
