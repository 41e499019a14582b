package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects an operator met going through docs/operations.md, checked against the packaged daemon. */
class OperatorTrialIT {
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
  void shouldStopWithinSeconds_whenAMonitorHoldsAHealthWatchStream() throws Exception {
    // given: a monitoring client watching health
    int port = daemon.start();
    ManagedChannel channel = daemon.channel(port);
    List<ServingStatus> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse value) {
        seen.add(value.getStatus());
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(null);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    });
    long deadline = System.currentTimeMillis() + 10_000;
    while (!seen.contains(ServingStatus.SERVING) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(seen).contains(ServingStatus.SERVING);

    // when
    long start = System.nanoTime();
    DaemonProcess.Result stop = daemon.run("stop");
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    // then: stopped promptly, and the watcher heard NOT_SERVING before its stream ended
    try {
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      assertThat(stop.out()).contains("Memory daemon stopped.");
      assertThat(tookMs).as("stop took %d ms", tookMs).isLessThan(6_000);
      ended.get(5, TimeUnit.SECONDS);
      assertThat(seen).contains(ServingStatus.NOT_SERVING);
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void shouldNeverSignalAnUnrelatedProcess_namedByAPidFile() throws Exception {
    // given: a PID file naming a live process that is not a daemon, with no daemon.json
    Process unrelated = new ProcessBuilder("sleep", "300").start();
    try {
      Files.createDirectories(daemon.pidFile().getParent());
      Files.writeString(daemon.pidFile(), unrelated.pid() + "\n");

      // when
      DaemonProcess.Result status = daemon.run("status");
      Files.writeString(daemon.pidFile(), unrelated.pid() + "\n");
      DaemonProcess.Result stop = daemon.run("stop");

      // then
      assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
      assertThat(status.out()).contains("NOT running (stale PID file)", "some other program");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
      assertThat(stop.out()).contains("Removed stale PID file").doesNotContain("SIGTERM");
      assertThat(unrelated.isAlive()).isTrue();

      // and when daemon.json names it too (right start time) but no daemon holds the store's lock
      Files.createDirectories(daemon.db);
      Files.writeString(daemon.pidFile().resolveSibling("daemon.json"), "{\"pid\":" + unrelated.pid()
          + ",\"host\":\"127.0.0.1\",\"port\":1,\"dbPath\":\"" + daemon.db + "\",\"version\":\"x\",\"startedAtMs\":"
          + unrelated.info().startInstant().orElseThrow().toEpochMilli() + ",\"logFile\":\"\"}");
      Files.writeString(daemon.pidFile(), unrelated.pid() + "\n");
      DaemonProcess.Result stopAgain = daemon.run("stop");
      assertThat(stopAgain.out()).contains("Removed stale PID file", "nobody holds the lock");
      assertThat(unrelated.isAlive()).isTrue();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  @Test
  void shouldStartAgain_whenAKilledDaemonIsAZombieNobodyReaps() throws Exception {
    // given: a daemon whose parent never reaps it (exec sleep), killed with SIGKILL
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "\"$0\" start --foreground --port 0 --db-path \"$1\" "
        + ">/dev/null 2>&1 & exec sleep 300", DaemonProcess.launcher().toString(), daemon.db.toString());
    builder.environment().clear();
    builder.environment().putAll(daemon.env);
    Process parent = builder.start();
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!Files.exists(daemon.pidFile()) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      long pid = daemon.pid();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      while (!Files.readString(stat).contains(") Z ") && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Files.readString(stat)).contains(") Z ");

      // when
      DaemonProcess.Result status = daemon.run("status");
      DaemonProcess.Result start = daemon.run("start", "--port", "0", "--db-path", daemon.db.toString());

      // then
      assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
      assertThat(status.out()).contains("NOT running (stale PID file)", "zombie");
      assertThat(start.exitCode()).as(start.toString() + daemon.logs()).isZero();
      assertThat(daemon.pid()).isNotEqualTo(pid);
      assertThat(daemon.run("status").exitCode()).isZero();
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void shouldBeFoundByProcessTools_whereverTheDistributionIsInstalled() throws Exception {
    // given: the distribution installed under a path that does not name it
    Path install = Files.createDirectories(tmp.resolve("opt/agentmem"));
    Files.createDirectories(install.resolve("bin"));
    Files.copy(DaemonProcess.launcher(), install.resolve("bin/am"));
    Files.createSymbolicLink(install.resolve("lib"), DaemonProcess.launcher().getParent().resolveSibling("lib"));
    daemon.command = install.resolve("bin/am");
    daemon.start();
    long pid = daemon.pid();

    // when
    String pgrep = new String(new ProcessBuilder("pgrep", "memory-daemon").start().getInputStream().readAllBytes());
    String psAux = new String(new ProcessBuilder("ps", "aux").start().getInputStream().readAllBytes());

    // then
    assertThat(pgrep.lines()).contains(Long.toString(pid));
    assertThat(psAux.lines().filter(line -> line.contains("memory-daemon")))
        .anySatisfy(line -> assertThat(line.split("\\s+")[1]).isEqualTo(Long.toString(pid)));
  }

  @Test
  void shouldWarnLoudly_whenTheWriteAheadLogWasDamaged() throws Exception {
    // given: acknowledged events only in the write-ahead log, the daemon killed, the log damaged
    int port = daemon.start();
    long pid = daemon.pid();
    ManagedChannel channel = daemon.channel(port);
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      long base = System.currentTimeMillis() - 3_600_000;
      for (int i = 0; i < 500; i++) {
        memory.ingestEvent(IngestEventRequest.newBuilder()
            .setEvent(DaemonLifecycleIT.event("wal", base + i, "event " + i + " " + "y".repeat(300))).build());
      }
    } finally {
      channel.shutdownNow();
    }
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    Path wal;
    try (var files = Files.list(daemon.db)) {
      wal = files.filter(f -> f.toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
      file.seek(file.length() / 2);
      file.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    }

    // when
    DaemonProcess.Result start = daemon.run("start", "--port", "0", "--db-path", daemon.db.toString());

    // then: it starts (the log is the only thing damaged) and says so everywhere a person looks
    assertThat(start.exitCode()).as(start.toString() + daemon.logs()).isZero();
    assertThat(start.out()).contains("WARNING: The write-ahead log of the store " + daemon.db + " was damaged",
        "Acknowledged events written after the damage may be missing", "wal-damaged-");
    assertThat(daemon.run("status").out()).contains("WARNING: The write-ahead log");
    assertThat(daemon.run("admin", "stats").out()).contains("WARNING: The write-ahead log");
    assertThat(daemon.logs()).contains("ERROR", "was damaged", "What to do");
  }

  @Test
  void shouldNameTheRealProblem_whenDbPathIsAFile() throws Exception {
    // given
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

    // when
    DaemonProcess.Result start = daemon.run("start", "--foreground", "--port", "0", "--db-path", file.toString());

    // then
    assertThat(start.exitCode()).as(start.toString()).isEqualTo(1);
    assertThat(start.err()).contains(file + " is a file, not a directory", "--db-path")
        .doesNotContain("FileAlreadyExists", "backup", "Exception");
  }

  @Test
  void shouldSayPermissionDenied_forAStoreOrProjectsTheUserCannotRead() throws Exception {
    // given: a store with a project, made by this user
    daemon.start();
    daemon.run("stop");
    Files.createDirectories(daemon.db.resolve("projects/shop"));
    openUp(tmp);
    Path store = daemon.db;

    // when: the store cannot be read
    lockOut(store);
    DaemonProcess.Result stats = daemon.runAsStranger("admin", "stats", "--db-path", store.toString());
    DaemonProcess.Result start = daemon.runAsStranger("start", "--foreground", "--port", "0", "--db-path", store.toString());

    // then
    assertThat(stats.exitCode()).as(stats.toString()).isEqualTo(1);
    assertThat(stats.err()).contains("Permission denied: cannot read the store at " + store).doesNotContain("No store");
    assertThat(start.exitCode()).as(start.toString()).isEqualTo(1);
    assertThat(start.err()).contains("Permission denied", store.toString()).doesNotContain("Exception");

    // and when only its projects directory cannot be read (the store's own files opened up: the
    // daemon keeps them for its user alone)
    openUp(store);
    try (Stream<Path> files = Files.list(store)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    lockOut(store.resolve("projects"));
    DaemonProcess.Result projects = daemon.runAsStranger("admin", "stats", "--db-path", store.toString());
    assertThat(projects.exitCode()).as(projects.toString()).isEqualTo(1);
    assertThat(projects.err()).contains("Permission denied: cannot read the store at " + store.resolve("projects"))
        .doesNotContain("Unexpected", "Exception");
    openUp(store.resolve("projects"));
  }

  /** Lets everyone in (the stranger must reach the store to be refused by it, not by the path to it). */
  private static void openUp(Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Takes reading away from the stranger: everyone but the owner when running as root, else everyone. */
  private static void lockOut(Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(
        DaemonProcess.runsAsRoot() ? "rwx------" : "---------"));
  }

  @Test
  void shouldPrintOnlyJson_withJson_andExit2_onBadUsage() throws Exception {
    // given
    daemon.start();
    ObjectMapper json = new ObjectMapper();

    // when
    DaemonProcess.Result pause = daemon.run("scheduler", "pause", "toc_rollup_day", "--json");
    DaemonProcess.Result resume = daemon.run("scheduler", "resume", "toc_rollup_day", "--json");
    DaemonProcess.Result run = daemon.run("scheduler", "run", "rocksdb_compaction", "--wait", "--json");
    DaemonProcess.Result badPort = daemon.run("start", "--port", "70000");
    DaemonProcess.Result badDate = daemon.run("admin", "rebuild-toc", "--from-date", "2026-13-01");

    DaemonProcess.Result version = daemon.run("--version");
    DaemonProcess.Result status = daemon.run("status");

    // then: the build is named the same way everywhere
    String build = version.out().lines().findFirst().orElseThrow().substring("memory-daemon ".length());
    assertThat(build).containsPattern("\\(commit [0-9a-f]{7,}(-dirty)?, built \\d{4}-");
    assertThat(status.out()).contains("Version: " + build);
    assertThat(daemon.logs()).contains("Memory daemon " + build + " starting");

    // and stdout is one JSON document each
    assertThat(json.readTree(pause.out()).get("paused").asBoolean()).as(pause.toString()).isTrue();
    assertThat(json.readTree(resume.out()).get("paused").asBoolean()).as(resume.toString()).isFalse();
    assertThat(json.readTree(run.out()).get("result").asText()).as(run.toString()).isEqualTo("SUCCESS");
    assertThat(badPort.exitCode()).isEqualTo(2);
    assertThat(badPort.err()).contains("--port: 70000 (allowed: 0 to 65535)");
    assertThat(badDate.exitCode()).isEqualTo(2);
  }

  @Test
  void shouldCheckTheCheapThingsFirst_andCreateNothing_whenTheyFail() throws Exception {
    // given: a running daemon
    int port = daemon.start();
    Path fresh = tmp.resolve("fresh-db");

    // when: a second one in the foreground, and one on a new store but the taken port
    DaemonProcess.Result second = daemon.run("start", "--foreground", "--port", "0", "--db-path", fresh.toString());
    daemon.run("stop");
    DaemonProcess.Result portTaken;
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      portTaken = daemon.run("start", "--foreground", "--port", Integer.toString(taken.getLocalPort()),
          "--db-path", fresh.toString());
    }

    // then: one line saying why, no configuration dump, nothing created
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("already running").doesNotContain("grpc_port", "Configuration");
    assertThat(second.out() + second.err()).doesNotContain("segment_gap");
    assertThat(portTaken.exitCode()).as(portTaken.toString()).isEqualTo(1);
    assertThat(portTaken.err()).contains("Address already in use").doesNotContain("segment_gap");
    assertThat(fresh).doesNotExist();
    assertThat(port).isPositive();
  }

  @Test
  void shouldLogMostlyItsOwnLines_atDebugLevel_andShowTheConfigOnlyWhenAsked() throws Exception {
    // when
    DaemonProcess.Result debug = daemon.run("--log-level", "debug", "start", "--foreground", "--exit-when-ready",
        "--port", "0", "--db-path", daemon.db.toString());
    DaemonProcess.Result shown = daemon.run("start", "--foreground", "--exit-when-ready", "--show-config",
        "--port", "0", "--db-path", daemon.db.toString());

    // then
    assertThat(debug.exitCode()).as(debug.toString()).isZero();
    List<String> debugLines = debug.err().lines().filter(line -> line.contains(" DEBUG ")).toList();
    assertThat(debugLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("i.g.n", "io.grpc", "io.netty"));
    assertThat(shown.out()).contains("Configuration:", "segment_gap");
  }

  @Test
  void shouldAnswerMalformedRequestsWithInvalidArgument_andNotFloodTheLog() throws Exception {
    // given
    int port = daemon.start();
    Path log = tmp.resolve("state/agent-memory/logs/daemon.log");
    long logBefore = Files.size(log);
    ManagedChannel channel = daemon.channel(port);
    Random random = new Random(42);
    Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
    List<String> unknown = new ArrayList<>();

    // when: random bytes, and well-formed frames holding invalid UTF-8, on every RPC (and health)
    List<String> methods = new ArrayList<>(MemoryServiceGrpc.getServiceDescriptor().getMethods().stream()
        .map(MethodDescriptor::getFullMethodName).toList());
    methods.add("grpc.health.v1.Health/Check");
    try {
      for (int i = 0; i < 900; i++) {
        String method = methods.get(i % methods.size());
        byte[] body = i % 3 == 0 ? new byte[] {0x0a, 0x02, (byte) 0xff, (byte) 0xfe} : randomBytes(random);
        Status.Code code = RawCalls.call(channel, method, body).getCode();
        codes.merge(code, 1, Integer::sum);
        if (code == Status.Code.UNKNOWN || code == Status.Code.INTERNAL) {
          unknown.add(method);
        }
      }
    } finally {
      channel.shutdownNow();
    }

    // then
    assertThat(unknown).as("calls answered UNKNOWN or INTERNAL; all codes: %s", codes).isEmpty();
    assertThat(codes.getOrDefault(Status.Code.INVALID_ARGUMENT, 0)).isGreaterThan(300);
    long grew = Files.size(log) - logBefore;
    assertThat(grew).as("log growth in bytes").isLessThan(10_000);
    assertThat(daemon.run("status").exitCode()).isZero();
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void shouldSayTheDaemonDoesNotAnswer_withinSeconds_whenItHangs() throws Exception {
    // given: a daemon that accepts connections but answers nothing (stopped with SIGSTOP)
    daemon.start();
    long pid = daemon.pid();
    Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
    assertThat(stop.waitFor()).isZero();
    try {
      // when
      long start = System.nanoTime();
      DaemonProcess.Result query = daemon.run("query", "root");
      long queryMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      DaemonProcess.Result status = daemon.run("status");
      long statusMs = (System.nanoTime() - start) / 1_000_000;

      // then
      assertThat(query.exitCode()).as(query.toString()).isEqualTo(3);
      assertThat(query.err()).contains("did not answer within", "hung");
      assertThat(queryMs).isLessThan(6_000);
      assertThat(status.exitCode()).isEqualTo(3);
      assertThat(status.out()).contains("did not answer within");
      assertThat(statusMs).isLessThan(4_000);
    } finally {
      new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
    }
  }

  @Test
  void shouldRefuseWithResourceExhausted_whenTheDiskFills_andRecoverByItself_losingNothing() throws Exception {
    // given: the store on a 40 MiB file system, mostly taken by another file
    assertThat(DaemonProcess.runsAsRoot()).as("mounting a small file system for this test needs root (CI runs as root)")
        .isTrue();
    Path small = Files.createDirectories(tmp.resolve("small"));
    assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", small.toString()).start().waitFor())
        .isZero();
    try {
      Path filler = small.resolve("filler");
      try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < 26; i++) {
          file.write(block);
        }
      }
      daemon.env.put("MEMORY_DISK_RESERVE", "4MiB");
      daemon.env.put("MEMORY_DISK_WARNING", "12MiB");
      DaemonProcess.Result start = daemon.run("start", "--port", "0", "--db-path", small.resolve("db").toString());
      assertThat(start.exitCode()).as(start.toString() + daemon.logs()).isZero();
      int port = daemon.port();
      ManagedChannel channel = daemon.channel(port);
      try {
        MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<Status> refusals = Collections.synchronizedList(new ArrayList<>());
        long base = System.currentTimeMillis() - 3_600_000;

        // when: 8 clients ingest until the disk is full
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
          int client = c;
          clients.submit(() -> {
            for (int i = 0; i < 20_000; i++) {
              var event = DaemonLifecycleIT.event("disk-" + client, base + i, "event " + i + " " + "z".repeat(4_000));
              try {
                memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
                acknowledged.add(event.getEventId());
              } catch (StatusRuntimeException e) {
                refusals.add(e.getStatus());
                return;
              }
            }
          });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        // then: refused with RESOURCE_EXHAUSTED naming the place and the space, and visible everywhere
        assertThat(refusals).isNotEmpty().allSatisfy(status -> {
          assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(status.getDescription()).contains(small.resolve("db").toString(), "free", "Free some space");
        });
        assertThat(awaitHealth(channel, ServingStatus.NOT_SERVING)).isTrue();
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(ServingStatus.SERVING);
        // (the free space moves around the reserve as the search index commits: full or low)
        assertThat(daemon.run("status").out())
            .containsAnyOf("WARNING: The disk holding the store", "WARNING: Low disk space");
        assertThat(daemon.run("admin", "stats").out())
            .containsAnyOf("WARNING: The disk holding the store", "WARNING: Low disk space");

        // when: space is freed
        Files.delete(filler);

        // then: it takes events again by itself, and every acknowledged event is there
        assertThat(awaitHealth(channel, ServingStatus.SERVING)).isTrue();
        var after = DaemonLifecycleIT.event("disk-after", base + 50_000, "after the disk was freed");
        assertThat(memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(after).build()).getCreated()).isTrue();
        Set<String> stored = new HashSet<>();
        long next = base;
        while (true) {
          var page = memory.getEvents(GetEventsRequest.newBuilder().setFromTimestampMs(next)
              .setToTimestampMs(base + 60_000).setLimit(1000).build());
          page.getEventsList().forEach(e -> stored.add(e.getEventId()));
          if (!page.getHasMore()) {
            break;
          }
          next = page.getEvents(page.getEventsCount() - 1).getTimestampMs();
        }
        assertThat(stored).containsAll(acknowledged).contains(after.getEventId());
      } finally {
        channel.shutdownNow();
      }
    } finally {
      daemon.stopQuietly();
      new ProcessBuilder("umount", "-l", small.toString()).start().waitFor();
    }
  }

  /** Waits (10 s at most) until memory.MemoryService reports {@code wanted}. */
  private static boolean awaitHealth(ManagedChannel channel, ServingStatus wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    HealthCheckRequest request = HealthCheckRequest.newBuilder().setService("memory.MemoryService").build();
    while (System.currentTimeMillis() < deadline) {
      if (HealthGrpc.newBlockingStub(channel).check(request).getStatus() == wanted) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
