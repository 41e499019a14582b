package dev.agentmemory.bench;

/** Samples a daemon's resident memory every 100 ms and keeps the largest value. */
final class RssSampler {
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long max = -1;

  private RssSampler(DaemonUnderTest daemon) {
    thread = new Thread(() -> {
      while (running) {
        max = Math.max(max, daemon.rssBytes());
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    thread.setDaemon(true);
  }

  static RssSampler start(DaemonUnderTest daemon) {
    RssSampler sampler = new RssSampler(daemon);
    sampler.thread.start();
    return sampler;
  }

  /** Stops sampling; returns the largest RSS seen in bytes (-1 if unknown). */
  long stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
    return max;
  }
}
