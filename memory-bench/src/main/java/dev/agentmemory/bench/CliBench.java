package dev.agentmemory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code memory-bench cli [LAUNCHER] [RUNS]}: whole-process time of the commands people and
 * scripts type most ({@code query root}, {@code status}, {@code admin stats}) against a running
 * daemon, as the shell pays it, beside a bare JVM that does nothing (the floor of any Java CLI).
 * The daemon runs in a sandbox (temp HOME and XDG directories) with a few events stored.
 */
public final class CliBench {
  private static final List<List<String>> COMMANDS = List.of(
      List.of("query", "root"), List.of("status"), List.of("admin", "stats"));

  private CliBench() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args.length > 0 ? args[0] : "memory-cli/target/memory-daemon/bin/memory-daemon");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    if (!Files.isExecutable(launcher)) {
      System.err.println("usage: memory-bench cli [LAUNCHER] [RUNS]  (build it first: ./mvnw -DskipTests package)");
      System.exit(2);
    }
    Path home = Files.createTempDirectory("memory-bench-cli");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"))) {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> bare = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
          System.getProperty("java.class.path"), HookBench.Nothing.class.getName());
      List<Result> results = new ArrayList<>();
      for (List<String> command : COMMANDS) {
        List<String> full = new ArrayList<>(List.of(launcher.toString()));
        full.addAll(command);
        measure(full, home, 3);
        results.add(new Result(String.join(" ", command), measure(full, home, runs)));
      }
      measure(bare, home, 3);
      results.add(new Result("bare JVM doing nothing", measure(bare, home, runs)));
      System.out.printf("%-26s %8s %8s   (%d runs each, %d cores)%n", "command", "p50 ms", "p95 ms", runs,
          Runtime.getRuntime().availableProcessors());
      for (Result result : results) {
        System.out.printf("%-26s %8.0f %8.0f%n", result.name(), result.times().percentileMs(50),
            result.times().percentileMs(95));
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(home);
    }
  }

  private record Result(String name, Latencies times) {}

  /** Runs {@code command} {@code runs} times; every run must exit 0. */
  private static Latencies measure(List<String> command, Path home, int runs) throws IOException, InterruptedException {
    Latencies times = new Latencies(runs);
    for (int i = 0; i < runs; i++) {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
      DaemonUnderTest.sandbox(builder, home);
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 30 s");
      }
      times.add(System.nanoTime() - start);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited with " + process.exitValue());
      }
    }
    return times;
  }
}
