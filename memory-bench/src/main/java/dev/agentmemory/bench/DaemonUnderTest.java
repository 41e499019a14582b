package dev.agentmemory.bench;

import dev.agentmemory.daemon.lifecycle.DaemonToken;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A memory daemon process started from the built distribution ({@code start --foreground}) in a
 * sandbox (HOME and XDG directories in a temp dir) on a free loopback port.
 */
final class DaemonUnderTest implements AutoCloseable {
  private final Process process;
  private final int port;
  private final double startToServingMs;
  private final Path home;

  private DaemonUnderTest(Process process, int port, double startToServingMs, Path home) {
    this.process = process;
    this.port = port;
    this.startToServingMs = startToServingMs;
    this.home = home;
  }

  /** Starts the daemon on {@code dbPath}; returns once health answers SERVING. */
  static DaemonUnderTest start(Path launcher, Path home, Path dbPath) throws IOException, InterruptedException {
    return start(launcher, home, dbPath, Map.of());
  }

  /** As {@link #start(Path, Path, Path)}, with {@code env} added to the daemon's environment. */
  static DaemonUnderTest start(Path launcher, Path home, Path dbPath, Map<String, String> env)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Files.createDirectories(home);
    ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "start", "--foreground",
        "--port", Integer.toString(port), "--db-path", dbPath.toString()));
    sandbox(builder, home);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(home.resolve("daemon.out").toFile());
    warmUpClient(port);
    long start = System.nanoTime();
    Process process = builder.start();
    awaitServing(process, port, home);
    return new DaemonUnderTest(process, port, (System.nanoTime() - start) / 1e6, home);
  }

  /**
   * A daemon on a copy of the cached store of {@code events} events that {@code load} generates
   * (hard links: the cache stays as it is), its keyword index built from nothing first (vectors off:
   * their build would take the machine for the whole run).
   */
  static DaemonUnderTest onIndexedCopy(Path launcher, Path work, Path cache, int events) throws Exception {
    Path db = work.resolve("db");
    OpsBench.run(List.of("cp", "-al", ReadBench.cached(cache, events).toString(), db.toString()), work);
    DaemonUnderTest daemon = start(launcher, work.resolve("home"), db, Map.of("MEMORY_SEARCH_VECTORS", "false"));
    try {
      long start = System.nanoTime();
      // caught up once the index holds a unit per event
      SearchBench.await(MemoryServiceGrpc.newBlockingStub(daemon.channel()),
          stats -> stats.getSearchDocuments() >= events && stats.getSearchBehind() == 0, Duration.ofHours(1));
      System.out.printf("keyword index of %d events built in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
      return daemon;
    } catch (Exception | Error e) {
      daemon.close();
      throw e;
    }
  }

  /**
   * HOME and the XDG directories inside {@code home}; the caller's MEMORY_* variables removed but
   * MEMORY_DAEMON_OPTS (JVM options, e.g. to profile the daemon).
   */
  static void sandbox(ProcessBuilder builder, Path home) {
    builder.environment().keySet().removeIf(name -> (name.startsWith("MEMORY_") && !name.equals("MEMORY_DAEMON_OPTS"))
        || name.startsWith("XDG_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_RUNTIME_DIR", home.resolve("run").toString());
    builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
  }

  /**
   * One failing health check to the still-closed port, so that loading this process's gRPC client
   * classes is not counted as the daemon's start-up.
   */
  private static void warmUpClient(int port) {
    ManagedChannel channel = channel(port);
    try {
      HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
    } catch (StatusRuntimeException expected) {
      // nothing listens yet
    } finally {
      channel.shutdownNow();
    }
  }

  // Polling TCP first: a gRPC channel that failed to connect backs off for a second or more,
  // which would inflate the start time.
  private static void awaitServing(Process process, int port, Path home) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!accepts(port)) {
      check(process, deadline, home);
      Thread.sleep(5);
    }
    ManagedChannel channel = channel(port);
    try {
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
      while (true) {
        try {
          if (health.withDeadlineAfter(2, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus()
              == ServingStatus.SERVING) {
            return;
          }
        } catch (StatusRuntimeException e) {
          // not yet
        }
        check(process, deadline, home);
        Thread.sleep(5);
      }
    } finally {
      channel.shutdownNow();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void check(Process process, long deadline, Path home) throws IOException {
    if (!process.isAlive() || System.nanoTime() > deadline) {
      process.destroyForcibly();
      throw new IllegalStateException("Expected the daemon to serve within 60 s, but it "
          + (process.isAlive() ? "did not" : "exited") + ". Its output:\n" + Files.readString(home.resolve("daemon.out")));
    }
  }

  static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(64 << 20).build();
  }

  /**
   * A channel that shows the daemon's token, as this user's clients do over TCP (none for a build
   * older than tokens, so that builds can be compared).
   */
  ManagedChannel channel() {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .maxInboundMessageSize(64 << 20);
    DaemonToken.read(home.resolve("run/agent-memory").resolve(DaemonToken.FILE_NAME))
        .ifPresent(token -> builder.intercept(Headers.bearer(token)));
    return builder.build();
  }

  /** The daemon's process id (the launcher execs the JVM). */
  long pid() {
    return process.pid();
  }

  double startToServingMs() {
    return startToServingMs;
  }

  /** Resident memory of the daemon process (Linux /proc), or -1 where unknown. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /** SIGTERM, as `memory-daemon stop` sends, and wait for a clean exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
