package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations guide's commands against the packaged daemon: backup, restore, verify. */
class OperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 16;

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

  @Test
  void shouldBackUpWhile16ClientsIngest_thenRestoreAndVerifyEveryAcknowledgedEvent() throws Exception {
    // given: 16 clients ingesting into the default store and two projects
    int port = daemon.start();
    Path backups = tmp.resolve("backups");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<ManagedChannel> channels = new ArrayList<>();
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      ManagedChannel channel = daemon.channel(port);
      channels.add(channel);
      String project = c % 4 == 0 ? "alpha" : c % 4 == 1 ? "beta" : "";
      int client = c;
      work.add(clients.submit(() -> ingestUntilStopped(channel, project, client, running, acknowledged)));
    }
    Thread.sleep(2_000);

    // when: a backup while they ingest
    Set<String> beforeBackup = new HashSet<>(acknowledged);
    DaemonProcess.Result backup = daemon.run("admin", "backup", "--dest", backups.toString(), "--json");
    Thread.sleep(500);
    running.set(false);
    for (Future<?> future : work) {
      future.get(60, TimeUnit.SECONDS);
    }
    clients.shutdown();
    channels.forEach(ManagedChannel::shutdownNow);

    // then: the backup names every store and counts at least what was acknowledged before it
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    JsonNode written = JSON.readTree(backup.out());
    assertThat(written.path("stores")).extracting(store -> store.path("project").asText())
        .containsExactly("", "alpha", "beta");
    long backedUp = 0;
    for (JsonNode store : written.path("stores")) {
      backedUp += store.path("events").asLong();
    }
    assertThat(backedUp).isGreaterThanOrEqualTo(beforeBackup.size());
    DaemonProcess.Result liveVerify = daemon.run("admin", "verify");
    assertThat(liveVerify.exitCode()).as(liveVerify.toString()).isZero();
    assertThat(liveVerify.out()).contains("project alpha", "project beta", "Every store is sound.");

    // when: the daemon is stopped and the backup restored
    DaemonProcess.Result refused = daemon.run("admin", "restore", "--from", backups.toString());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("The daemon is running on", "stop it first");
    assertThat(daemon.run("stop").exitCode()).isZero();
    DaemonProcess.Result restore = daemon.run("admin", "restore", "--from", backups.toString(), "--db-path", daemon.db.toString());
    DaemonProcess.Result verify = daemon.run("admin", "verify", "--db-path", daemon.db.toString());

    // then: every event acknowledged before the backup is back, the store sound, the old one kept
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(restore.out()).contains("Restored " + written.path("path").asText(), "kept at " + daemon.db + ".replaced-");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    daemon.start();
    Set<String> restored = new HashSet<>();
    for (String project : List.of("", "alpha", "beta")) {
      restored.addAll(eventIds(daemon.port(), project));
    }
    assertThat(restored).containsAll(beforeBackup);
    assertThat(restored).hasSize((int) backedUp);
  }

  @Test
  void shouldKeepTheNewestBackups_andRefuseBadDestinationsAndSources() throws Exception {
    // given
    daemon.start();
    Path backups = tmp.resolve("backups");
    Path foreign = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(foreign.resolve("holiday.jpg"), "not a backup");

    // when
    for (int i = 0; i < 3; i++) {
      assertThat(daemon.run("admin", "backup", "--dest", backups.toString(), "--keep", "2").exitCode()).isZero();
    }
    DaemonProcess.Result intoPhotos = daemon.run("admin", "backup", "--dest", foreign.toString());
    DaemonProcess.Result badKeep = daemon.run("admin", "backup", "--keep", "0");
    daemon.run("stop");
    DaemonProcess.Result notABackup = daemon.run("admin", "restore", "--from", foreign.toString());

    // then
    try (Stream<Path> kept = Files.list(backups)) {
      assertThat(kept.toList()).hasSize(2);
    }
    assertThat(intoPhotos.exitCode()).isNotZero();
    assertThat(intoPhotos.err()).contains("exists and holds other files (holiday.jpg)");
    try (Stream<Path> untouched = Files.list(foreign)) {
      assertThat(untouched.toList()).hasSize(1);
    }
    assertThat(badKeep.exitCode()).isEqualTo(2);
    assertThat(badKeep.err()).contains("--keep");
    assertThat(notABackup.exitCode()).isNotZero();
    assertThat(notABackup.err()).contains("is not a backup", "admin backup");
  }

  private static void ingestUntilStopped(ManagedChannel channel, String project, int client, AtomicBoolean running,
      Set<String> acknowledged) {
    Metadata header = new Metadata();
    header.put(Metadata.Key.of("x-memory-project", Metadata.ASCII_STRING_MARSHALLER), project);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = project.isEmpty() ? MemoryServiceGrpc.newBlockingStub(channel)
        : MemoryServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header));
    for (int n = 0; running.get(); n++) {
      String id = UlidCreator.getMonotonicUlid().toString();
      memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
          .setEventId(id).setSessionId("client-" + client).setTimestampMs(System.currentTimeMillis())
          .setEventType(EventType.EVENT_TYPE_USER_MESSAGE).setRole(EventRole.EVENT_ROLE_USER)
          .setText("client " + client + " message " + n + " about the ledger export")).build());
      acknowledged.add(id);
    }
  }

  private List<String> eventIds(int port, String project) {
    ManagedChannel channel = daemon.channel(port);
    try {
      Metadata header = new Metadata();
      header.put(Metadata.Key.of("x-memory-project", Metadata.ASCII_STRING_MARSHALLER), project);
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header));
      List<String> ids = new ArrayList<>();
      long from = 0;
      while (true) {
        var page = memory.getEvents(GetEventsRequest.newBuilder().setFromTimestampMs(from)
            .setToTimestampMs(Long.MAX_VALUE / 2).setLimit(1000).build());
        page.getEventsList().forEach(event -> ids.add(event.getEventId()));
        if (!page.getHasMore() || page.getEventsCount() == 0) {
          return new ArrayList<>(new HashSet<>(ids));
        }
        from = page.getEvents(page.getEventsCount() - 1).getTimestampMs();
      }
    } finally {
      channel.shutdownNow();
    }
  }
}
