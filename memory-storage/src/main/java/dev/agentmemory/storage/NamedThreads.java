package dev.agentmemory.storage;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factory giving every thread a readable name ({@code memory-grpc-3}), as logs show them. */
public final class NamedThreads implements ThreadFactory {
  private final String prefix;
  private final boolean daemon;
  private final AtomicInteger next = new AtomicInteger(1);

  public NamedThreads(String prefix, boolean daemon) {
    this.prefix = prefix;
    this.daemon = daemon;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
    thread.setDaemon(daemon);
    return thread;
  }
}
