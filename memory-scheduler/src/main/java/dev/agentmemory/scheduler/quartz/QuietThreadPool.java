package dev.agentmemory.scheduler.quartz;

import dev.agentmemory.storage.NamedThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's job threads, sleeping until a job fires. Quartz's own pool ({@code SimpleThreadPool})
 * wakes each of its threads twice a second to look for work, which an idle daemon should not
 * pay for; these wait on a queue instead. Named in {@code org.quartz.threadPool.class}, so Quartz
 * makes it (public, with a no-argument constructor).
 */
public final class QuietThreadPool implements ThreadPool {
  static final int THREADS = 2;

  private final Object lock = new Object();
  private ExecutorService threads;
  private int busy;
  private boolean shutDown;

  @Override
  public void initialize() {
    threads = Executors.newFixedThreadPool(THREADS, new NamedThreads("memory-scheduler", true));
  }

  /** Runs {@code job} on a free thread, waiting for one if both are busy. */
  @Override
  public boolean runInThread(Runnable job) {
    synchronized (lock) {
      while (busy == THREADS && !shutDown) {
        waitForLock();
      }
      if (shutDown) {
        return false;
      }
      busy++;
    }
    threads.execute(() -> {
      try {
        job.run();
      } finally {
        synchronized (lock) {
          busy--;
          lock.notifyAll();
        }
      }
    });
    return true;
  }

  /** Waits until a thread is free (or the pool shuts down); returns how many are. */
  @Override
  public int blockForAvailableThreads() {
    synchronized (lock) {
      while (busy == THREADS && !shutDown) {
        waitForLock();
      }
      return THREADS - busy;
    }
  }

  private void waitForLock() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutDown = true;
    }
  }

  @Override
  public void shutdown(boolean waitForJobsToComplete) {
    synchronized (lock) {
      shutDown = true;
      lock.notifyAll();
    }
    if (threads == null) {
      return;
    }
    threads.shutdown();
    if (waitForJobsToComplete) {
      try {
        threads.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int getPoolSize() {
    return THREADS;
  }

  @Override
  public void setInstanceId(String id) {
    // one pool per scheduler: nothing to tell apart
  }

  @Override
  public void setInstanceName(String name) {
    // as above
  }
}
