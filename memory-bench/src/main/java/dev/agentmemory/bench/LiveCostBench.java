package dev.agentmemory.bench;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code memory-bench live-cost [--launcher PATH] [--events 600] [--rate 10]}: what the daemon's
 * CPU spends to take in live capture, everything included (TOC, keyword index, vectors). A daemon
 * on an empty store, the model loaded, gets {@code events} chat-sized events at {@code rate} per
 * second in four sessions, as agents send them; once the TOC, the index and the vectors have
 * everything, each thread's CPU time since the first event is read from /proc. Linux only.
 */
final class LiveCostBench {
  private LiveCostBench() {}

  static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    Path launcher = LoadCommand.launcher(options);
    int events = Integer.parseInt(LoadCommand.value(options, "--events", "600"));
    int rate = Integer.parseInt(LoadCommand.value(options, "--rate", "10"));
    Path home = Files.createTempDirectory("memory-bench-live-cost");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"),
        Map.of("MEMORY_SEARCH_VECTORS", "true"))) {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(daemon.channel());
      while (!SearchBench.modelReady(memory)) {
        Thread.sleep(100);
      }
      Map<String, long[]> before = IdleBench.threads(daemon.pid());
      long start = System.nanoTime();
      LiveLagBench.SyntheticTexts texts = new LiveLagBench.SyntheticTexts();
      for (int i = 0; i < events; i++) {
        long due = start + i * 1_000_000_000L / rate;
        while (System.nanoTime() < due) {
          Thread.sleep(1);
        }
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
            .setEventId(UlidCreator.getMonotonicUlid().toString())
            .setSessionId("live-" + i % 4)
            .setTimestampMs(System.currentTimeMillis())
            .setEventType(i % 8 < 4 ? EventType.EVENT_TYPE_USER_MESSAGE : EventType.EVENT_TYPE_ASSISTANT_MESSAGE)
            .setRole(i % 8 < 4 ? EventRole.EVENT_ROLE_USER : EventRole.EVENT_ROLE_ASSISTANT)
            .setText(texts.next())).build());
      }
      GetStoreStatsResponse stats = IdleBench.awaitBacklog(memory, true);
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, long[]> after = IdleBench.threads(daemon.pid());
      Map<String, Long> cpuMs = new TreeMap<>();
      after.forEach((key, end) -> cpuMs.merge(key.substring(key.indexOf(' ') + 1),
          (end[0] - before.getOrDefault(key, new long[2])[0]) * 1000 / IdleBench.TICKS_PER_SECOND, Long::sum));
      long total = cpuMs.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("%d events at %d/s in 4 sessions: done (TOC, index, vectors) after %.1f s; %d search units, "
          + "%d vectors%n", events, rate, seconds, stats.getSearchDocuments(), stats.getSearchVectors());
      System.out.printf("daemon CPU: %.2f s in all (%.1f ms per event)%n", total / 1000.0, (double) total / events);
      cpuMs.entrySet().stream().filter(e -> e.getValue() >= 100)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> System.out.printf("  %-20s %8.2f s%n", e.getKey(), e.getValue() / 1000.0));
    } finally {
      LocomoSummaryEval.deleteRecursively(home);
    }
  }
}
