package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduler and admin commands against the packaged daemon, checked from their CLI output. */
class SchedulerAdminIT {
  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_TIMEZONE", "UTC");
    daemon.env.put("MEMORY_TOC_REFRESH_INTERVAL", "200ms");
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  private DaemonProcess.Result ok(String... args) throws Exception {
    DaemonProcess.Result result = daemon.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  private String ingestThreeDaysAgo(int port) throws Exception {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    long t = day.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    ManagedChannel channel = daemon.channel(port);
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      String[] texts = {"Please fix the flaky CheckoutServiceTest on CI.",
          "The test depended on the wall clock; I injected a fixed Clock and it passes now."};
      for (int i = 0; i < texts.length; i++) {
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
            .setEventId(UlidCreator.getMonotonicUlid().toString()).setSessionId("s").setTimestampMs(t + i * 60_000L)
            .setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
            .setRole(i == 0 ? EventRole.EVENT_ROLE_USER : EventRole.EVENT_ROLE_ASSISTANT).setText(texts[i])).build());
      }
      String dayId = "toc:day:" + day;
      long deadline = System.currentTimeMillis() + 30_000;
      while (!memory.getNode(GetNodeRequest.newBuilder().setNodeId(dayId).build()).hasNode()) {
        assertThat(System.currentTimeMillis()).as("TOC built in time").isLessThan(deadline);
        Thread.sleep(50);
      }
      return dayId;
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void shouldShowPauseResumeAndRunJobs_withThePauseSurvivingARestart() throws Exception {
    // given
    int port = daemon.start();
    String dayId = ingestThreeDaysAgo(port);
    String endpoint = "127.0.0.1:" + port;

    // then: the status table
    String status = ok("scheduler", "status", "-e", endpoint).out();
    assertThat(status).contains("Scheduler: RUNNING", "JOB", "STATUS", "LAST RUN", "NEXT RUN", "RUNS", "ERRORS");
    assertThat(status).containsPattern("toc_rollup_day\\s+IDLE\\s+Never\\s+\\d{4}-\\d{2}-\\d{2} 01:00\\s+0\\s+0");
    assertThat(status).contains("rocksdb_compaction");

    // and pause / unknown job
    assertThat(ok("scheduler", "pause", "toc_rollup_week", "-e", endpoint).out()).contains("Job 'toc_rollup_week' paused.");
    DaemonProcess.Result unknown = daemon.run("scheduler", "pause", "toc_rollup_weekly", "-e", endpoint);
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("Known jobs: toc_rollup_day, toc_rollup_week");
    assertThat(ok("scheduler", "status", "-e", endpoint).out()).containsPattern("toc_rollup_week\\s+PAUSED\\s+Never\\s+-");

    // and a run on demand
    assertThat(ok("scheduler", "run", "toc_rollup_day", "--wait", "-e", endpoint).out())
        .contains("Job 'toc_rollup_day' started.", "Job 'toc_rollup_day' finished: SUCCESS");
    assertThat(ok("scheduler", "status", "-e", endpoint).out()).containsPattern("toc_rollup_day\\s+IDLE\\s+\\d{4}-\\d{2}-\\d{2} [\\d:]+\\s+\\S+ \\S+\\s+1\\s+0");
    assertThat(ok("query", "node", dayId, "-e", endpoint).out()).contains("Summary:");

    // when: restarted
    ok("stop");
    int newPort = daemon.start();

    // then: still paused, and resumable
    String after = ok("scheduler", "status", "-e", "127.0.0.1:" + newPort).out();
    assertThat(after).containsPattern("toc_rollup_week\\s+PAUSED");
    assertThat(after).containsPattern("toc_rollup_day\\s+IDLE\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+1\\s+0");
    assertThat(ok("scheduler", "resume", "toc_rollup_week", "-e", "127.0.0.1:" + newPort).out()).contains("resumed");
  }

  @Test
  void shouldShowStatsAndCompact_throughTheDaemonAndWithoutIt_andReadACopy() throws Exception {
    // given
    int port = daemon.start();
    ingestThreeDaysAgo(port);

    // then: through the daemon
    String stats = ok("admin", "stats").out();
    assertThat(stats).contains("Database Statistics", "Path: " + daemon.db);
    assertThat(stats).containsPattern("Events:\\s+2\\n");
    assertThat(stats).containsPattern("TOC Nodes:\\s+5\\n");
    assertThat(stats).containsPattern("Outbox:\\s+0\\n");
    assertThat(stats).containsPattern("Disk Usage:\\s+[\\d.]+ (KB|MB)");
    JsonNode json = new ObjectMapper().readTree(ok("admin", "stats", "--json").out());
    assertThat(json.get("events").asLong()).isEqualTo(2);
    assertThat(json.get("grips").asLong()).isPositive();
    assertThat(ok("admin", "compact").out()).contains("Compacting all column families...", "Compaction complete");
    assertThat(ok("admin", "compact", "--cf", "events").out()).contains("Compacting column family: events", "Compaction complete (events)");
    DaemonProcess.Result badCf = daemon.run("admin", "compact", "--cf", "evnts");
    assertThat(badCf.exitCode()).isEqualTo(1);
    assertThat(badCf.err()).contains("evnts", "events, toc_nodes, toc_latest, grips, outbox, checkpoints");
    assertThat(ok("admin", "reset-checkpoint", "--job", "toc_rollup_day").out()).contains("rolls up again");

    // and a copy of the store, read while the daemon runs
    ok("stop");
    Path copy = tmp.resolve("copy");
    copyTree(daemon.db, copy);
    daemon.start();
    assertThat(ok("admin", "stats", "--db-path", copy.toString()).out()).contains("Path: " + copy).containsPattern("Events:\\s+2\\n");

    // and with the daemon stopped
    ok("stop");
    String db = daemon.db.toString();
    assertThat(ok("admin", "stats", "--db-path", db).out()).containsPattern("Events:\\s+2\\n");
    assertThat(ok("admin", "--db-path", db, "compact", "--cf", "grips").out()).contains("Compaction complete (grips)");
    DaemonProcess.Result missing = daemon.run("admin", "stats", "--db-path", tmp.resolve("nothing").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("No store at");
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.getFileName().toString().equals("daemon.lock")) {
          Files.copy(source, target);
        }
      }
    }
  }
}
