package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.wire.EventMessages;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest over gRPC against the real daemon process, with the two limits around it measured in the
 * same run: an empty round trip (health Check) on the same server, and the same events written
 * straight to a RocksDB store in this process. Also start-to-SERVING, idle RSS, RSS under load
 * and disk bytes per event.
 */
final class LoadBench {
  static final int[] CLIENTS = {1, 4, 16};

  private LoadBench() {}

  /**
   * Runs the ingest measurements in {@code work}, semantic search on or off ({@code vectors});
   * adds the figures to {@code report}.
   */
  static void run(Path launcher, Path work, int eventsPerLevel, boolean vectors, ObjectNode report) throws Exception {
    List<Event> events = new SyntheticSessions(7).generate(eventsPerLevel * CLIENTS.length + eventsPerLevel);
    List<Event> warmUp = events.subList(0, eventsPerLevel);
    long textBytes = events.stream().mapToLong(e -> e.text().getBytes(StandardCharsets.UTF_8).length).sum();
    report.put("ingest_events_per_level", eventsPerLevel);
    report.put("ingest_text_bytes_per_event", textBytes / events.size());

    report.put("vectors", vectors);
    try (DaemonUnderTest daemon = DaemonUnderTest.start(launcher, work.resolve("home"), work.resolve("db"),
        Map.of("MEMORY_SEARCH_VECTORS", Boolean.toString(vectors)))) {
      report.put("start_to_serving_ms", daemon.startToServingMs());
      Thread.sleep(2000);
      report.put("idle_rss_mb", daemon.rssBytes() / 1e6);
      List<ManagedChannel> channels = new ArrayList<>();
      for (int i = 0; i < CLIENTS[CLIENTS.length - 1]; i++) {
        channels.add(daemon.channel());
      }
      List<MemoryServiceGrpc.MemoryServiceBlockingStub> memory =
          channels.stream().map(MemoryServiceGrpc::newBlockingStub).toList();
      List<HealthGrpc.HealthBlockingStub> health = channels.stream().map(HealthGrpc::newBlockingStub).toList();
      RssSampler sampler = RssSampler.start(daemon);
      // Warm-up: the daemon's JIT and RocksDB memtables, then the measured levels.
      Load.drive(4, warmUp.size(), (client, i) -> memory.get(client).ingestEvent(request(warmUp.get(i))));
      Load.drive(4, warmUp.size(), (client, i) -> health.get(client).check(HealthCheckRequest.getDefaultInstance()));
      for (int level = 0; level < CLIENTS.length; level++) {
        int clients = CLIENTS[level];
        List<Event> slice = events.subList((level + 1) * eventsPerLevel, (level + 2) * eventsPerLevel);
        Load.Result empty = Load.drive(clients, slice.size(),
            (client, i) -> health.get(client).check(HealthCheckRequest.getDefaultInstance()));
        Load.Result ingest = Load.drive(clients, slice.size(),
            (client, i) -> memory.get(client).ingestEvent(request(slice.get(i))));
        empty.put(report, "empty_round_trip_" + clients + "c");
        ingest.put(report, "ingest_" + clients + "c");
      }
      report.put("rss_under_load_mb", sampler.stop() / 1e6);
      memory.get(0).compactStore(CompactStoreRequest.getDefaultInstance());
      GetStoreStatsResponse stats = memory.get(0).getStoreStats(GetStoreStatsRequest.getDefaultInstance());
      report.put("store_events", stats.getEvents());
      report.put("store_bytes_per_event", stats.getDiskBytes() / (double) stats.getEvents());
      channels.forEach(ManagedChannel::shutdownNow);
    }

    try (MemoryStore raw = MemoryStore.open(work.resolve("raw"))) {
      Load.drive(4, warmUp.size(), (client, i) -> raw.events().append(warmUp.get(i)));
      for (int level = 0; level < CLIENTS.length; level++) {
        List<Event> slice = events.subList((level + 1) * eventsPerLevel, (level + 2) * eventsPerLevel);
        Load.drive(CLIENTS[level], slice.size(), (client, i) -> raw.events().append(slice.get(i)))
            .put(report, "raw_rocksdb_" + CLIENTS[level] + "c");
      }
    }
  }

  private static IngestEventRequest request(Event event) {
    return IngestEventRequest.newBuilder().setEvent(EventMessages.toProto(event)).build();
  }

  /** The ingest table: the daemon's rate and latencies, and its share of each limit. */
  static void print(ObjectNode report) {
    System.out.printf("Daemon start to SERVING: %.0f ms; idle RSS %.0f MB; RSS under load (max) %.0f MB%n",
        report.get("start_to_serving_ms").asDouble(), report.get("idle_rss_mb").asDouble(),
        report.get("rss_under_load_mb").asDouble());
    System.out.printf("Store on disk: %.0f bytes per event (text %d bytes per event), after compaction%n",
        report.get("store_bytes_per_event").asDouble(), report.get("ingest_text_bytes_per_event").asLong());
    System.out.printf("%nIngest (%d events per level)%n", report.get("ingest_events_per_level").asInt());
    System.out.printf("%-8s %12s %9s %9s %9s %14s %14s %14s%n", "clients", "events/s", "p50 ms", "p95 ms", "p99 ms",
        "empty RPC/s", "daemon/empty", "daemon/raw");
    for (int clients : CLIENTS) {
      ObjectNode ingest = (ObjectNode) report.get("ingest_" + clients + "c");
      double empty = report.get("empty_round_trip_" + clients + "c").get("per_s").asDouble();
      double raw = report.get("raw_rocksdb_" + clients + "c").get("per_s").asDouble();
      double rate = ingest.get("per_s").asDouble();
      System.out.printf("%-8d %12.0f %9.2f %9.2f %9.2f %14.0f %13.0f%% %13.1f%%%n", clients, rate,
          ingest.get("p50_ms").asDouble(), ingest.get("p95_ms").asDouble(), ingest.get("p99_ms").asDouble(), empty,
          100 * rate / empty, 100 * rate / raw);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
}
