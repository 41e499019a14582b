package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TocQuery;
import dev.agentmemory.toc.TocRebuilder;
import dev.agentmemory.toc.TokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * TOC build rate and read latency in-process, on a store of synthetic coding sessions: events
 * are appended, then {@code rebuild-toc}'s code path builds the whole TOC; then random
 * {@code GetNode}/{@code BrowseToc} reads are timed at the query layer (no gRPC).
 */
public final class RebuildBench {
  private RebuildBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("memory-bench-rebuild");
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      long[] textBytes = new long[1];
      long appendStart = System.nanoTime();
      new SyntheticSessions(42).generate(count, event -> {
        textBytes[0] += event.text().length();
        store.events().append(event);
      });
      double appendSeconds = (System.nanoTime() - appendStart) / 1e9;

      TocBuilder builder = new TocBuilder(store, TocConfig.defaults(ZoneOffset.UTC), new LocalSummarizer(), new TokenCounter());
      long buildStart = System.nanoTime();
      new TocRebuilder(store, builder).rebuild(Optional.empty(), p -> {});
      double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

      TocQuery query = new TocQuery(store);
      List<String> ids = new ArrayList<>();
      for (TocLevel level : TocLevel.values()) {
        store.toc().latestOfLevel(level).forEach(node -> ids.add(node.nodeId()));
      }
      Random random = new Random(1);
      int reads = 20_000;
      Latencies getNode = new Latencies(reads);
      Latencies browse = new Latencies(reads);
      for (int i = 0; i < reads * 2; i++) {
        String id = ids.get(random.nextInt(ids.size()));
        long t0 = System.nanoTime();
        query.node(id);
        long t1 = System.nanoTime();
        query.browse(id, 20, null);
        long t2 = System.nanoTime();
        if (i >= reads) { // the first half warms the JIT and caches
          getNode.add(t1 - t0);
          browse.add(t2 - t1);
        }
      }
      System.out.printf("Synthetic coding sessions: %d events, %.1f MB of text, %d TOC nodes%n", count, textBytes[0] / 1e6, ids.size());
      System.out.printf("generate + append (storage, 1 thread): %.0f events/s%n", count / appendSeconds);
      System.out.printf("rebuild-toc (local summarizer): %.1f s, %.0f events/s%n", buildSeconds, count / buildSeconds);
      System.out.printf("GetNode (query layer):   p50 %.3f ms  p99 %.3f ms%n", getNode.percentileMs(50), getNode.percentileMs(99));
      System.out.printf("BrowseToc (query layer): p50 %.3f ms  p99 %.3f ms%n", browse.percentileMs(50), browse.percentileMs(99));
      int json = List.of(args).indexOf("--json");
      if (json >= 0) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode()
            .put("events", count)
            .put("append_events_per_s", count / appendSeconds)
            .put("rebuild_events_per_s", count / buildSeconds)
            .put("get_node_p50_ms", getNode.percentileMs(50))
            .put("get_node_p99_ms", getNode.percentileMs(99))
            .put("browse_p50_ms", browse.percentileMs(50))
            .put("browse_p99_ms", browse.percentileMs(99));
        mapper.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[json + 1]).toFile(), out);
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(dir);
    }
  }
}
