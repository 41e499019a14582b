package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.GetVectorIndexStatusRequest;
import dev.agentmemory.proto.HybridMode;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.wire.EventMessages;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code memory-bench search [--launcher PATH] [--sizes N,N] [--cache DIR] [--queries N]
 * [--vector-seconds S] [--parts rss,lag,stores] [--json FILE]} ({@code --vector-seconds 0}: keyword only): search as users run it, against the daemon process over
 * gRPC. Per store size (the cached synthetic stores of {@code load}, index dropped first): the
 * keyword index built from the log (events/s), BM25 latency, then vectors computed for a while
 * (units/s) and vector and hybrid latency on what is embedded by then; index lag at 1,000
 * events/s; idle RSS with and without the model; the distribution's size.
 */
final class SearchBench {
  private static final String[] QUERIES = {"rounding errors in invoice totals", "flaky test timeout on CI",
    "slow queries orders table index", "race condition session cache", "NullPointerException empty cart",
    "OAuth redirect broken", "memory leak report exporter", "duplicate notifications retry", "tax rates EU customers",
    "BigDecimal HALF_UP", "ConcurrentHashMap synchronisation", "deprecation warning old endpoint",
    "why did payments fail", "what did we change in the build", "how was the cache fixed last week",
    "missing translations checkout page"};

  private SearchBench() {}

  static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    Path launcher = LoadCommand.launcher(options);
    Path cache = LoadCommand.cache(options);
    int queries = Integer.parseInt(LoadCommand.value(options, "--queries", "1000"));
    int vectorSeconds = Integer.parseInt(LoadCommand.value(options, "--vector-seconds", "120"));
    List<String> parts = List.of(LoadCommand.value(options, "--parts", "rss,lag,stores").split(","));
    List<Integer> sizes = new ArrayList<>();
    for (String size : LoadCommand.value(options, "--sizes", "10000,100000,1000000").split(",")) {
      if (!size.isBlank()) {
        sizes.add(Integer.parseInt(size.trim()));
      }
    }
    ObjectNode report = LoadBench.JSON.createObjectNode()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("distribution_bytes", bytes(launcher.toRealPath().getParent().getParent()));
    Path work = Files.createTempDirectory("memory-bench-search");
    try {
      if (parts.contains("rss")) {
        idleRss(launcher, work, report);
      }
      if (parts.contains("lag")) {
        lag(launcher, work, 1_000, 30, report);
      }
      for (int size : parts.contains("stores") ? sizes : List.<Integer>of()) {
        store(launcher, ReadBench.cached(cache, size), work, size, queries, vectorSeconds, report);
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(work);
    }
    System.out.println(LoadBench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    LoadCommand.writeJson(report, options);
  }

  /** One store: keyword build and latency with vectors off, then vectors for a while and their latency. */
  private static void store(Path launcher, Path store, Path work, int size, int queries, int vectorSeconds,
      ObjectNode report) throws Exception {
    ObjectNode figures = report.putObject("store_" + size);
    LocomoSummaryEval.deleteRecursively(store.resolve("search"));
    System.out.printf("Store of %d events: keyword index...%n", size);
    Map<String, String> keywordOnly = Map.of("MEMORY_SEARCH_VECTORS", "false");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, work.resolve("kw-" + size), store, keywordOnly)) {
      ManagedChannel channel = daemon.channel();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      long start = System.nanoTime();
      GetStoreStatsResponse stats = await(memory, s -> s.getSearchBehind() == 0 && s.getSearchDocuments() > 0,
          Duration.ofHours(1));
      double seconds = (System.nanoTime() - start) / 1e9;
      figures.put("events", stats.getEvents()).put("keyword_build_s", seconds)
          .put("keyword_build_events_per_s", stats.getEvents() / seconds)
          .put("documents", stats.getSearchDocuments())
          .put("keyword_index_bytes", stats.getSearchIndexBytes())
          .put("keyword_index_bytes_per_event", (double) stats.getSearchIndexBytes() / stats.getEvents());
      latency(memory, HybridMode.HYBRID_MODE_BM25_ONLY, queries).put(figures, "bm25");
      channel.shutdownNow();
    }
    if (vectorSeconds <= 0) {
      System.out.println(figures.toPrettyString());
      return;
    }
    System.out.printf("Store of %d events: vectors for up to %d s...%n", size, vectorSeconds);
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, work.resolve("vec-" + size), store, Map.of())) {
      ManagedChannel channel = daemon.channel();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      await(memory, s -> s.getSearchBehind() == 0 && s.getSearchDocuments() > 0 && s.getSearchPendingVectors() > 0
          && modelReady(memory), Duration.ofHours(1));
      GetStoreStatsResponse before = memory.getStoreStats(GetStoreStatsRequest.getDefaultInstance());
      long start = System.nanoTime();
      GetStoreStatsResponse after = await(memory, s -> s.getSearchPendingVectors() == 0,
          Duration.ofSeconds(vectorSeconds));
      double seconds = (System.nanoTime() - start) / 1e9;
      figures.put("vectors_per_s", (after.getSearchVectors() - before.getSearchVectors()) / seconds)
          .put("vectors", after.getSearchVectors())
          .put("pending_vectors", after.getSearchPendingVectors())
          .put("index_bytes", after.getSearchIndexBytes())
          .put("vectors_complete", after.getSearchPendingVectors() == 0);
      latency(memory, HybridMode.HYBRID_MODE_VECTOR_ONLY, queries).put(figures, "vector");
      latency(memory, HybridMode.HYBRID_MODE_HYBRID, queries).put(figures, "hybrid");
      figures.put("rss_bytes_while_embedding", daemon.rssBytes());
      channel.shutdownNow();
    }
    System.out.println(figures.toPrettyString());
  }

  /** Query latency of one mode, one client, after as many unmeasured queries. */
  private static Load.Result latency(MemoryServiceGrpc.MemoryServiceBlockingStub memory, HybridMode mode, int queries)
      throws InterruptedException {
    Load.Call call = (client, i) -> memory.search(SearchRequest.newBuilder().setQuery(QUERIES[i % QUERIES.length])
        .setMode(mode).setTopK(10).build());
    Load.drive(1, queries, call);
    return Load.drive(1, queries, call);
  }

  /**
   * Resident memory of an idle daemon (2 s after its work is done) on a store of 1,000 events: with
   * the model loaded and every unit embedded, and with search.vectors off.
   */
  private static void idleRss(Path launcher, Path work, ObjectNode report) throws Exception {
    for (boolean vectors : List.of(true, false)) {
      Path home = work.resolve("rss-" + vectors);
      try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"),
          Map.of("MEMORY_SEARCH_VECTORS", Boolean.toString(vectors)))) {
        ManagedChannel channel = daemon.channel();
        MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
        for (dev.agentmemory.event.Event event : new SyntheticSessions(5).generate(1_000)) {
          memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(EventMessages.toProto(event)).build());
        }
        await(memory, s -> s.getOutbox() == 0 && s.getSearchBehind() == 0 && s.getSearchDocuments() > 0
            && s.getSearchPendingVectors() == 0 && (!vectors || modelReady(memory)), Duration.ofMinutes(10));
        Thread.sleep(2_000);
        report.put(vectors ? "idle_rss_bytes_model_loaded" : "idle_rss_bytes_vectors_off", daemon.rssBytes());
        report.put(vectors ? "start_to_serving_ms_vectors_on" : "start_to_serving_ms_vectors_off",
            daemon.startToServingMs());
        channel.shutdownNow();
      }
    }
  }

  /**
   * Index lag: events at {@code rate}/s for {@code seconds}; every 250 ms one carries a word of its
   * own, and a second client searches for it until found. Lag = found minus acknowledged.
   */
  private static void lag(Path launcher, Path work, int rate, int seconds, ObjectNode report) throws Exception {
    Path home = work.resolve("lag");
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, home, home.resolve("db"), Map.of())) {
      ManagedChannel channel = daemon.channel();
      ManagedChannel probeChannel = daemon.channel();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      MemoryServiceGrpc.MemoryServiceBlockingStub probes = MemoryServiceGrpc.newBlockingStub(probeChannel);
      Latencies lags = new Latencies(seconds * 4 + 10);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread prober = new Thread(() -> probe(probes, running, lags), "lag-prober");
      prober.start();
      Random random = new Random(3);
      long start = System.nanoTime();
      long sent = 0;
      while (System.nanoTime() - start < seconds * 1_000_000_000L) {
        long due = start + sent * 1_000_000_000L / rate;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(liveEvent("load-" + sent % 4,
            "Looked at " + QUERIES[random.nextInt(QUERIES.length)] + " again, step " + sent)).build());
        sent++;
      }
      double achieved = sent / ((System.nanoTime() - start) / 1e9);
      running.set(false);
      prober.join();
      report.putObject("index_lag").put("events_per_s", achieved).put("seconds", seconds)
          .put("p50_ms", lags.percentileMs(50)).put("p99_ms", lags.percentileMs(99))
          .put("max_ms", lags.percentileMs(100));
      channel.shutdownNow();
      probeChannel.shutdownNow();
    }
  }

  private static void probe(MemoryServiceGrpc.MemoryServiceBlockingStub memory, AtomicBoolean running, Latencies lags) {
    int n = 0;
    while (running.get()) {
      String word = "probe" + Integer.toString(n++, 36) + "zz";
      memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(liveEvent("probe", "Marker " + word)).build());
      long acknowledged = System.nanoTime();
      while (memory.search(SearchRequest.newBuilder().setQuery(word).setMode(HybridMode.HYBRID_MODE_BM25_ONLY)
          .setTopK(1).build()).getHitsCount() == 0) {
        sleep(5);
      }
      lags.add(System.nanoTime() - acknowledged);
      sleep(250);
    }
  }

  private static Event liveEvent(String session, String text) {
    return Event.newBuilder().setEventId(UlidCreator.getMonotonicUlid().toString()).setSessionId(session)
        .setTimestampMs(System.currentTimeMillis()).setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
        .setRole(EventRole.EVENT_ROLE_USER).setText(text).build();
  }

  static boolean modelReady(MemoryServiceGrpc.MemoryServiceBlockingStub memory) {
    return memory.getVectorIndexStatus(GetVectorIndexStatusRequest.getDefaultInstance()).getModelStatus().equals("ready");
  }

  /** Store statistics once {@code done} holds of them, or the last ones read when {@code limit} has passed. */
  static GetStoreStatsResponse await(MemoryServiceGrpc.MemoryServiceBlockingStub memory,
      Predicate<GetStoreStatsResponse> done, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    GetStoreStatsResponse stats;
    do {
      stats = memory.getStoreStats(GetStoreStatsRequest.getDefaultInstance());
      if (done.test(stats)) {
        return stats;
      }
      sleep(100);
    } while (System.nanoTime() < deadline);
    return stats;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }
}
