package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code memory-bench idle [--launcher PATH] [--seconds S] [--sizes 0,100000] [--vectors true|false]
 * [--cache DIR] [--json FILE]}: what an idle daemon costs. Per store (empty, or a cached synthetic
 * store of that many events): start the daemon, wait until its backlog is done (TOC, keyword index,
 * and vectors when on), then read every thread's CPU time and voluntary context switches (wake-ups)
 * from /proc at the start and end of {@code S} seconds of idleness. Linux only.
 */
final class IdleBench {
  // HotSpot's own threads, by their (15-character) system names; the rest are the daemon's.
  private static final List<String> JVM_THREADS = List.of("VM Thread", "VM Periodic Tas", "C1 CompilerThre",
      "C2 CompilerThre", "Monitor Deflati", "Reference Handl", "Finalizer", "Signal Dispatch", "Service Thread",
      "Common-Cleaner", "Notification Th", "Attach Listener", "Sweeper thread");
  static final long TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

  private IdleBench() {}

  static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    Path launcher = LoadCommand.launcher(options);
    Path cache = LoadCommand.cache(options);
    int seconds = Integer.parseInt(LoadCommand.value(options, "--seconds", "60"));
    boolean vectors = Boolean.parseBoolean(LoadCommand.value(options, "--vectors", "true"));
    ObjectNode report = LoadBench.JSON.createObjectNode()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("seconds", seconds)
        .put("vectors", vectors);
    Path work = Files.createTempDirectory("memory-bench-idle");
    try {
      for (String size : LoadCommand.value(options, "--sizes", "0,100000").split(",")) {
        int events = Integer.parseInt(size.trim());
        Path home = work.resolve("idle-" + events);
        Path store = events == 0 ? home.resolve("db") : ReadBench.cached(cache, events);
        System.out.printf("Idle daemon on a store of %d events (%d s)...%n", events, seconds);
        report.set("store_" + events, idle(launcher, home, store, vectors, seconds));
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(work);
    }
    System.out.println(LoadBench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    LoadCommand.writeJson(report, options);
  }

  private static ObjectNode idle(Path launcher, Path home, Path store, boolean vectors, int seconds) throws Exception {
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, store,
        Map.of("MEMORY_SEARCH_VECTORS", Boolean.toString(vectors)))) {
      ManagedChannel channel = daemon.channel();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      long backlogStart = System.nanoTime();
      awaitBacklog(memory, vectors);
      double backlogSeconds = (System.nanoTime() - backlogStart) / 1e9;
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
      Thread.sleep(2_000); // the last answers and commits settle
      Map<String, long[]> before = threads(daemon.pid());
      Thread.sleep(seconds * 1_000L);
      Map<String, long[]> after = threads(daemon.pid());
      return figures(before, after, seconds).put("backlog_s", backlogSeconds).put("rss_bytes", daemon.rssBytes());
    }
  }

  /** Waits (up to an hour) until the TOC and the index have everything, and the vectors when on. */
  static GetStoreStatsResponse awaitBacklog(MemoryServiceGrpc.MemoryServiceBlockingStub memory, boolean vectors) {
    Predicate<GetStoreStatsResponse> done = stats -> stats.getOutbox() == 0 && stats.getSearchBehind() == 0
        && stats.getSearchPendingVectors() == 0 && (!vectors || SearchBench.modelReady(memory));
    GetStoreStatsResponse stats = SearchBench.await(memory, done, Duration.ofHours(1));
    if (!done.test(stats)) {
      throw new IllegalStateException("Expected the daemon's backlog to be done within an hour, but it was not");
    }
    return stats;
  }

  /** Every thread's {CPU ticks, voluntary context switches}, keyed "tid name". */
  static Map<String, long[]> threads(long pid) throws IOException {
    Map<String, long[]> threads = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
          long wakeups = 0;
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              wakeups = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
          threads.put(task.getFileName() + " " + name, new long[] {ticks, wakeups});
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    }
    return threads;
  }

  /** CPU and wake-ups per thread name over the interval, and in total for the daemon's threads and the JVM's. */
  private static ObjectNode figures(Map<String, long[]> before, Map<String, long[]> after, int seconds) {
    ObjectNode figures = LoadBench.JSON.createObjectNode();
    ObjectNode perThread = figures.putObject("threads");
    Map<String, long[]> byName = new TreeMap<>();
    after.forEach((key, end) -> {
      long[] start = before.getOrDefault(key, new long[2]);
      long[] sum = byName.computeIfAbsent(key.substring(key.indexOf(' ') + 1), name -> new long[2]);
      sum[0] += end[0] - start[0];
      sum[1] += end[1] - start[1];
    });
    long[] ours = new long[2];
    long[] jvm = new long[2];
    List<String> busy = new ArrayList<>();
    byName.forEach((name, sum) -> {
      long[] total = JVM_THREADS.contains(name) || name.startsWith("GC Thread") ? jvm : ours;
      total[0] += sum[0];
      total[1] += sum[1];
      if (sum[0] > 0 || sum[1] > 0) {
        busy.add(name);
        perThread.putObject(name).put("cpu_ms", sum[0] * 1000 / TICKS_PER_SECOND)
            .put("wakeups_per_s", (double) sum[1] / seconds);
      }
    });
    double interval = seconds * (double) TICKS_PER_SECOND;
    figures.put("daemon_threads_cpu_percent_of_core", 100.0 * ours[0] / interval)
        .put("daemon_threads_wakeups_per_s", (double) ours[1] / seconds)
        .put("jvm_threads_cpu_percent_of_core", 100.0 * jvm[0] / interval)
        .put("jvm_threads_wakeups_per_s", (double) jvm[1] / seconds)
        .put("process_cpu_percent_of_core", 100.0 * (ours[0] + jvm[0]) / interval);
    return figures;
  }
}
