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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    DaemonProcess.Result logs = daemon.run("logs", "-n", "500");
    DaemonProcess.Result intoPhotos = daemon.run("admin", "backup", "--dest", foreign.toString());
    DaemonProcess.Result badKeep = daemon.run("admin", "backup", "--keep", "0");
    daemon.run("stop");
    DaemonProcess.Result notABackup = daemon.run("admin", "restore", "--from", foreign.toString());

    // then
    try (Stream<Path> kept = Files.list(backups)) {
      assertThat(kept.toList()).hasSize(2);
    }
    assertThat(logs.out()).contains("Memory daemon ready on", "Backup written to");
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

  @Test
  void shouldExportAndImportEveryEvent_roundTrip_andSkipBadLinesByNumber() throws Exception {
    // given: events in the default store and in project alpha, exported through the daemon
    int port = daemon.start();
    ManagedChannel channel = daemon.channel(port);
    Set<String> stored = new HashSet<>();
    for (String project : List.of("", "alpha")) {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = stub(channel, project);
      for (int n = 0; n < 50; n++) {
        stored.add(ingestOne(memory, 0, n));
      }
    }
    channel.shutdownNow();
    Path exported = tmp.resolve("all.jsonl");
    DaemonProcess.Result export = daemon.run("admin", "export", "--all-projects", "--output", exported.toString());
    daemon.run("stop");

    // when: imported twice into an empty store, then exported from it
    Path fresh = tmp.resolve("fresh");
    DaemonProcess.Result first = daemon.run("admin", "import", "--input", exported.toString(), "--db-path", fresh.toString());
    DaemonProcess.Result second = daemon.run("admin", "import", "--input", exported.toString(), "--db-path", fresh.toString());
    DaemonProcess.Result freshStats = daemon.run("admin", "stats", "--db-path", fresh.toString());
    Path again = tmp.resolve("again.jsonl");
    DaemonProcess.Result reexport = daemon.run("admin", "export", "--all-projects", "--db-path", fresh.toString(),
        "--output", again.toString());
    Path bad = tmp.resolve("bad.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(exported).subList(0, 2));
    lines.add(1, "{\"event_id\": \"not json");
    Files.write(bad, lines);
    // and a line with a byte that is not UTF-8: that line is skipped, not the file
    byte[] invalid = "{\"text\": \"caf\u0000\"}\n".getBytes(StandardCharsets.UTF_8);
    invalid[13] = (byte) 0xFF;
    Files.write(bad, invalid, StandardOpenOption.APPEND);
    DaemonProcess.Result partly = daemon.run("admin", "import", "--input", bad.toString(), "--db-path", tmp.resolve("other").toString());

    // then
    assertThat(export.exitCode()).as(export.toString()).isZero();
    assertThat(export.err()).contains("Exported " + stored.size() + " events of 2 stores");
    assertThat(Files.readAllLines(exported)).hasSize(stored.size());
    assertThat(first.out()).contains(stored.size() + " new, 0 already stored, 0 rejected");
    assertThat(second.out()).contains("0 new, " + stored.size() + " already stored");
    assertThat(reexport.exitCode()).as(reexport.toString()).isZero();
    assertThat(freshStats.exitCode()).as("the new store is whole: %s", freshStats).isZero();
    assertThat(Files.readString(again)).isEqualTo(Files.readString(exported));
    assertThat(partly.exitCode()).isEqualTo(1);
    assertThat(partly.err()).contains("line 2: not JSON", "line 4: not valid UTF-8; skipped");
    assertThat(partly.out()).contains("Imported 4 lines: 2 new, 0 already stored, 0 rejected, 2 not events.");
  }

  private static void ingestUntilStopped(ManagedChannel channel, String project, int client, AtomicBoolean running,
      Set<String> acknowledged) {
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = stub(channel, project);
    for (int n = 0; running.get(); n++) {
      acknowledged.add(ingestOne(memory, client, n));
    }
  }

  /** Stores one event; returns its id once acknowledged. */
  private static String ingestOne(MemoryServiceGrpc.MemoryServiceBlockingStub memory, int client, int n) {
    String id = UlidCreator.getMonotonicUlid().toString();
    memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
        .setEventId(id).setSessionId("client-" + client).setTimestampMs(System.currentTimeMillis())
        .setEventType(EventType.EVENT_TYPE_USER_MESSAGE).setRole(EventRole.EVENT_ROLE_USER)
        .setText("client " + client + " message " + n + " about the ledger export")).build());
    return id;
  }

  /** A stub that names {@code project} in the x-memory-project header (none for the default store). */
  private static MemoryServiceGrpc.MemoryServiceBlockingStub stub(ManagedChannel channel, String project) {
    Metadata header = new Metadata();
    header.put(Metadata.Key.of("x-memory-project", Metadata.ASCII_STRING_MARSHALLER), project);
    return project.isEmpty() ? MemoryServiceGrpc.newBlockingStub(channel)
        : MemoryServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header));
  }

  private List<String> eventIds(int port, String project) {
    ManagedChannel channel = daemon.channel(port);
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = stub(channel, project);
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
