package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.daemon.TocWorker;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TocRollup;
import dev.agentmemory.toc.TokenCounter;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Read RPC latencies against the daemon process on a store of N synthetic events. Stores are
 * generated once (append, the live TOC path, then the rollups) and cached, as they take minutes
 * at a million events.
 */
final class ReadBench {
  private static final Duration HOUR = Duration.ofHours(1);

  private ReadBench() {}

  /** What reads ask for: real node, parent and grip ids, and the span of the events. */
  private record Targets(List<String> nodes, List<String> parents, List<String> grips, long firstMs, long lastMs) {}

  static void run(Path launcher, Path cache, Path work, int events, int reads, ObjectNode report) throws Exception {
    Path store = cached(cache, events);
    Targets targets = targets(store);
    ObjectNode figures = report.putObject("reads_" + events);
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, work.resolve("home-" + events), store)) {
      ManagedChannel channel = daemon.channel();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      Random random = new Random(11);
      long span = Math.max(1, targets.lastMs() - targets.firstMs() - HOUR.toMillis());
      measure(figures, "GetEvents", reads, () -> {
        long from = targets.firstMs() + (long) (random.nextDouble() * span);
        memory.getEvents(GetEventsRequest.newBuilder().setFromTimestampMs(from)
            .setToTimestampMs(from + HOUR.toMillis()).setLimit(50).build());
      });
      measure(figures, "GetTocRoot", reads, () -> memory.getTocRoot(GetTocRootRequest.getDefaultInstance()));
      measure(figures, "GetNode", reads, () -> memory.getNode(
          GetNodeRequest.newBuilder().setNodeId(pick(targets.nodes(), random)).build()));
      measure(figures, "BrowseToc", reads, () -> memory.browseToc(
          BrowseTocRequest.newBuilder().setParentId(pick(targets.parents(), random)).setLimit(20).build()));
      measure(figures, "ExpandGrip", reads, () -> memory.expandGrip(
          ExpandGripRequest.newBuilder().setGripId(pick(targets.grips(), random)).build()));
      channel.shutdownNow();
    }
  }

  private static String pick(List<String> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  /** Times {@code reads} calls after as many unmeasured ones (JIT, caches). */
  private static void measure(ObjectNode figures, String rpc, int reads, Runnable call) throws InterruptedException {
    Load.drive(1, reads, (client, i) -> call.run());
    Load.drive(1, reads, (client, i) -> call.run()).put(figures, rpc);
  }

  /** The store of {@code events} synthetic events, generated on first use. */
  static Path cached(Path cache, int events) throws IOException {
    Path dir = cache.resolve("store-" + events);
    Path done = dir.resolve("complete");
    if (Files.exists(done)) {
      return dir.resolve("db");
    }
    LocomoSummaryEval.deleteRecursively(dir);
    System.out.printf("Generating a store of %d events in %s (once; cached)...%n", events, dir);
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"));
        TocBuilder builder = new TocBuilder(store, TocConfig.defaults(ZoneOffset.UTC), new LocalSummarizer(),
            new TokenCounter())) {
      new SyntheticSessions(42).generate(events, store.events()::append);
      new TocWorker(store, builder, Duration.ofSeconds(1)).drain();
      TocRollup rollup = new TocRollup(store, builder, new LocalSummarizer(), Clock.systemUTC());
      for (TocLevel level : List.of(TocLevel.DAY, TocLevel.WEEK, TocLevel.MONTH, TocLevel.YEAR)) {
        rollup.run(level);
      }
    }
    Files.writeString(done, "");
    return dir.resolve("db");
  }

  private static Targets targets(Path db) {
    List<String> nodes = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    List<String> grips = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    try (MemoryStore store = MemoryStore.openReadOnly(db)) {
      for (TocLevel level : TocLevel.values()) {
        for (TocNode node : store.toc().latestOfLevel(level)) {
          nodes.add(node.nodeId());
          if (level != TocLevel.SEGMENT) {
            parents.add(node.nodeId());
          } else {
            node.bullets().stream().map(TocBullet::gripIds).forEach(grips::addAll);
          }
          first = Math.min(first, node.startTimeMs());
          last = Math.max(last, node.endTimeMs());
        }
      }
    }
    return new Targets(nodes, parents, grips, first, last);
  }

  static void print(ObjectNode report, List<Integer> sizes) {
    System.out.printf("%nRead latency over gRPC, 1 client (ms, p50 / p99)%n");
    System.out.printf("%-12s", "events");
    List<String> rpcs = List.of("GetEvents", "GetTocRoot", "GetNode", "BrowseToc", "ExpandGrip");
    rpcs.forEach(rpc -> System.out.printf(" %17s", rpc));
    System.out.println();
    for (int size : sizes) {
      ObjectNode figures = (ObjectNode) report.get("reads_" + size);
      System.out.printf("%-12d", size);
      for (String rpc : rpcs) {
        System.out.printf(" %8.3f / %6.3f", figures.get(rpc).get("p50_ms").asDouble(), figures.get(rpc).get("p99_ms").asDouble());
      }
      System.out.println();
    }
  }
}
