package dev.agentmemory.storage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A wake-up call from whoever makes work to the thread that does it, so that an idle worker
 * sleeps instead of looking on a clock. Raising it twice before the worker wakes is one call;
 * raising it while the worker works makes its next wait return at once, so no work is missed.
 */
public final class Signal {
  private boolean raised;

  /** Wakes the waiting worker (or the next one to wait). */
  public synchronized void raise() {
    raised = true;
    notifyAll();
  }

  /**
   * Waits until the signal is raised or {@code timeout} passes, and lowers it.
   *
   * @return whether it was raised
   */
  public synchronized boolean await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!raised) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    raised = false;
    return true;
  }
}
