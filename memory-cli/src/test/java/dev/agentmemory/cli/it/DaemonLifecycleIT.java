package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged daemon as users run it: start, talk to it over gRPC and the CLI, stop, restart. */
class DaemonLifecycleIT {
  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  static Event event(String session, long timestampMs, String text) {
    return Event.newBuilder()
        .setEventId(UlidCreator.getMonotonicUlid().toString())
        .setSessionId(session)
        .setTimestampMs(timestampMs)
        .setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
        .setRole(EventRole.EVENT_ROLE_USER)
        .setText(text)
        .putMetadata("cwd", "/work/shop")
        .setAgent("claude")
        .build();
  }

  @Test
  void shouldServeEventsHealthAndReflection_andKeepEventsAcrossStopAndRestart() throws Exception {
    // given
    int port = daemon.start();
    long base = System.currentTimeMillis() - 60_000;
    List<Event> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(event("s-" + (i % 2), base + i * 1000L, "message number " + i + " about the invoice bug"));
    }

    // when
    ManagedChannel channel = daemon.channel(port);
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      for (Event event : sent) {
        assertThat(memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build()).getCreated()).isTrue();
      }

      // then: read back over gRPC
      GetEventsResponse read = memory.getEvents(
          GetEventsRequest.newBuilder().setFromTimestampMs(base).setToTimestampMs(base + 19_000).setLimit(100).build());
      assertThat(read.getEventsList()).containsExactlyElementsOf(sent);

      // and health reports SERVING overall and for the memory service
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
      assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
      assertThat(health.check(HealthCheckRequest.newBuilder().setService("memory.MemoryService").build()).getStatus())
          .isEqualTo(ServingStatus.SERVING);

      // and reflection (v1 and v1alpha) lists the services
      Set<String> expected = Set.of("memory.MemoryService", "grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
      assertThat(listServicesV1(channel)).containsAll(expected);
      assertThat(listServicesV1alpha(channel)).containsAll(expected);
      assertThat(filesContaining(channel, "memory.MemoryService")).contains("memory.proto");
      assertThat(filesContaining(channel, "grpc.health.v1.Health")).isNotEmpty();
    } finally {
      channel.shutdownNow();
    }

    // and the CLI reads them too
    DaemonProcess.Result query = daemon.run("query", "events", "--endpoint", "127.0.0.1:" + port,
        "--from", Long.toString(base), "--to", Long.toString(base + 19_000), "--limit", "100", "--json");
    assertThat(query.exitCode()).as(query.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(query.out());
    assertThat(json.get("events")).hasSize(20);
    assertThat(json.get("events").get(0).get("event_id").asText()).isEqualTo(sent.get(0).getEventId());
    assertThat(json.get("has_more").asBoolean()).isFalse();

    DaemonProcess.Result readable = daemon.run("query", "events", "-e", "http://127.0.0.1:" + port,
        "--from", Long.toString(base), "--limit", "5");
    assertThat(readable.out()).contains("Events (5 found, every store):", "message number 0 about the invoice bug",
        "More events available");

    // when: stopped
    DaemonProcess.Result stop = daemon.run("stop");
    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    assertThat(stop.out()).contains("Sent SIGTERM to daemon", "Memory daemon stopped.");
    DaemonProcess.Result status = daemon.run("status");
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.out()).contains("Memory daemon is NOT running (no PID file)");
    assertThat(daemon.pidFile()).doesNotExist();

    // then: after a restart the events are still there
    int newPort = daemon.start();
    DaemonProcess.Result running = daemon.run("status");
    assertThat(running.exitCode()).as(running.toString()).isZero();
    assertThat(running.out()).contains("Memory daemon is running (PID " + daemon.pid() + ")", "Health: SERVING");
    ManagedChannel again = daemon.channel(newPort);
    try {
      GetEventsResponse reread = MemoryServiceGrpc.newBlockingStub(again).getEvents(
          GetEventsRequest.newBuilder().setFromTimestampMs(base).setToTimestampMs(base + 19_000).setLimit(100).build());
      assertThat(reread.getEventsList()).containsExactlyElementsOf(sent);
    } finally {
      again.shutdownNow();
    }
  }

  @Test
  void shouldKeepEveryAcknowledgedEvent_whenKilledWithSigkillDuringIngest() throws Exception {
    // given
    int port = daemon.start();
    long pid = daemon.pid();
    List<Event> acknowledged = new ArrayList<>();
    ManagedChannel channel = daemon.channel(port);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
    long base = System.currentTimeMillis() - 3_600_000;

    // when: a stream of ingests, killed with SIGKILL part-way
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int i = 0; ; i++) {
        Event event = event("kill-test", base + i, "event " + i + " " + "x".repeat(i % 500));
        try {
          memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
        } catch (RuntimeException e) {
          return; // the daemon died: this one was not acknowledged
        }
        synchronized (acknowledged) {
          acknowledged.add(event);
        }
      }
    });
    while (true) {
      synchronized (acknowledged) {
        if (acknowledged.size() >= 2_000) {
          break;
        }
      }
      Thread.sleep(10);
    }
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    writer.get(30, TimeUnit.SECONDS);
    channel.shutdownNow();
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

    // then: status sees the stale PID file, and a restart has every acknowledged event
    DaemonProcess.Result status = daemon.run("status");
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.out()).contains("NOT running (stale PID file)");
    int newPort = daemon.start();
    // a kill -9 is no damage: no warning about the write-ahead log
    assertThat(daemon.run("status").out()).doesNotContain("WARNING");
    ManagedChannel again = daemon.channel(newPort);
    try {
      Set<String> stored = allEventIds(MemoryServiceGrpc.newBlockingStub(again), base);
      Set<String> expected = acknowledged.stream().map(Event::getEventId).collect(Collectors.toSet());
      assertThat(stored).containsAll(expected);
      assertThat(stored.size() - expected.size()).isBetween(0, 1); // at most the one in flight
    } finally {
      again.shutdownNow();
    }
  }

  @Test
  void shouldRefuseASecondStart_whileOneRuns() throws Exception {
    // given
    daemon.start();

    // when: a second start, detached and in the foreground logging to the running daemon's log
    DaemonProcess.Result second = daemon.run("start", "--port", "0", "--db-path", daemon.db.toString());
    DaemonProcess.Result foreground = daemon.run("start", "--foreground", "--port", "0", "--db-path",
        daemon.db.toString(), "--log-file", daemon.root.resolve("state/agent-memory/logs/daemon.log").toString());

    // then: both refused, and the running daemon's log holds its own start only
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("already running (PID " + daemon.pid());
    assertThat(foreground.exitCode()).as(foreground.toString()).isNotZero();
    assertThat(foreground.err()).contains("already running");
    assertThat(daemon.logs().split(" starting \\(store ", -1)).as(daemon.logs()).hasSize(2);
  }

  @Test
  void shouldExplainThatThePortIsInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // when
      DaemonProcess.Result result =
          daemon.run("start", "--port", Integer.toString(taken.getLocalPort()), "--db-path", daemon.db.toString());

      // then
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err()).contains("Address already in use", "--port");
      assertThat(daemon.pidFile()).doesNotExist();
    }
  }

  @Test
  void shouldExplainThatTheDatabaseIsLockedByAnotherDaemon() throws Exception {
    // given: a daemon on the store, and a second sandbox (its own PID file) pointing at the same store
    daemon.start();
    DaemonProcess other = new DaemonProcess(Files.createDirectories(tmp.resolve("other")));

    // when
    DaemonProcess.Result result = other.run("start", "--port", "0", "--db-path", daemon.db.toString());

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("is locked by another memory daemon (pid " + daemon.pid() + ")");
  }

  @Test
  void shouldSuggestARestore_whenTheStoreCannotBeOpened() throws Exception {
    // given: a directory that claims to be a store but is garbage
    Files.createDirectories(daemon.db);
    Files.writeString(daemon.db.resolve("CURRENT"), "MANIFEST-000099\n");

    // when
    DaemonProcess.Result result = daemon.run("start", "--foreground", "--port", "0", "--db-path", daemon.db.toString());

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("Cannot open the store at " + daemon.db, "restore it from a backup");
  }

  @Test
  void shouldTakeSettingsFromTheConfigFileAndTheEnvironment() throws Exception {
    // given: port from the config file, store from the environment
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path config = Files.createDirectories(tmp.resolve("config/agent-memory")).resolve("config.toml");
    Files.writeString(config, "grpc_port = " + port + "\n");
    Path envDb = tmp.resolve("env-db");
    daemon.env.put("MEMORY_DB_PATH", envDb.toString());

    // when
    DaemonProcess.Result start = daemon.run("start");

    // then
    assertThat(start.exitCode()).as(start.toString() + daemon.logs()).isZero();
    assertThat(start.out()).contains("127.0.0.1:" + port);
    assertThat(daemon.run("status").out()).contains("Store: " + envDb);
    assertThat(daemon.run("query", "events").exitCode()).isZero(); // default endpoint from config
  }

  @Test
  void shouldReportAnUnreachableDaemonWithExitCode3() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    DaemonProcess.Result result = daemon.run("query", "events", "--endpoint", "127.0.0.1:" + port);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("Cannot reach memory daemon at 127.0.0.1:" + port, "memory-daemon status");
  }

  private static Set<String> allEventIds(MemoryServiceGrpc.MemoryServiceBlockingStub memory, long from) {
    Set<String> ids = new HashSet<>();
    long next = from;
    while (true) {
      GetEventsResponse page = memory.getEvents(
          GetEventsRequest.newBuilder().setFromTimestampMs(next).setToTimestampMs(Long.MAX_VALUE / 2).setLimit(1000).build());
      page.getEventsList().forEach(e -> ids.add(e.getEventId()));
      if (!page.getHasMore()) {
        return ids;
      }
      next = page.getEvents(page.getEventsCount() - 1).getTimestampMs() + 1;
    }
  }

  /** The names of the proto files reflection gives for {@code symbol} (what grpcurl describe reads). */
  private static List<String> filesContaining(ManagedChannel channel, String symbol) throws Exception {
    CompletableFuture<List<String>> files = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
        new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            List<String> names = new ArrayList<>();
            for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
              try {
                names.add(DescriptorProtos.FileDescriptorProto.parseFrom(bytes).getName());
              } catch (InvalidProtocolBufferException e) {
                files.completeExceptionally(e);
              }
            }
            files.complete(names);
          }

          @Override
          public void onError(Throwable t) {
            files.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
    requests.onCompleted();
    return files.get(10, TimeUnit.SECONDS);
  }

  private static List<String> listServicesV1(ManagedChannel channel) throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
        new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            names.complete(response.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList());
          }

          @Override
          public void onError(Throwable t) {
            names.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return names.get(10, TimeUnit.SECONDS);
  }

  @SuppressWarnings("deprecation")
  private static List<String> listServicesV1alpha(ManagedChannel channel) throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
            new StreamObserver<>() {
              @Override
              public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse response) {
                names.complete(response.getListServicesResponse().getServiceList().stream()
                    .map(io.grpc.reflection.v1alpha.ServiceResponse::getName).toList());
              }

              @Override
              public void onError(Throwable t) {
                names.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {}
            });
    requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return names.get(10, TimeUnit.SECONDS);
  }
}
