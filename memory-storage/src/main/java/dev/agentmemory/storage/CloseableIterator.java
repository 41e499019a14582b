package dev.agentmemory.storage;

import java.util.Iterator;

/** An iterator over native resources: close it (try-with-resources) to free them. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();
}
