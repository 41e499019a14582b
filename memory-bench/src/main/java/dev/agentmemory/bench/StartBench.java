package dev.agentmemory.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Daemon start-up as a user waits for it: spawn the packaged {@code memory-daemon start
 * --foreground} on a new, empty store in a fresh sandbox, time until its health check answers
 * SERVING, stop it; repeated, after one warm-up run (which fills the OS file cache).
 */
public final class StartBench {
  private StartBench() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args.length > 0 ? args[0] : "memory-cli/target/memory-daemon/bin/memory-daemon");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    if (!Files.isExecutable(launcher)) {
      System.err.println("usage: memory-bench start [LAUNCHER] [RUNS]  (build it first: ./mvnw -DskipTests package)");
      System.exit(2);
    }
    startOnce(launcher);
    Latencies times = new Latencies(runs);
    for (int i = 0; i < runs; i++) {
      times.add(Math.round(startOnce(launcher) * 1e6));
    }
    System.out.printf("daemon start to SERVING, new store, %d runs: p50 %.0f ms, p95 %.0f ms (%d cores)%n", runs,
        times.percentileMs(50), times.percentileMs(95), Runtime.getRuntime().availableProcessors());
  }

  private static double startOnce(Path launcher) throws Exception {
    Path home = Files.createTempDirectory("memory-bench-start");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"))) {
      return daemon.startToServingMs();
    } finally {
      LocomoSummaryEval.deleteRecursively(home);
    }
  }
}
