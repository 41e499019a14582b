package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.DaemonStartException;
import dev.agentmemory.daemon.config.DaemonConfig.GrpcConfig;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.storage.NamedThreads;
import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server: memory service, standard health (Check and Watch) and reflection (v1 and
 * v1alpha), on one TCP port guarded by a token and on a Unix socket only this user can open.
 * Health answers NOT_SERVING until {@link #markServing()} and again as soon as shutdown begins.
 */
public final class GrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);
  // Unary calls finish in milliseconds; streams that never end on their own (health Watch, which
  // every monitoring tool holds open) must not hold up a stop, so they are cancelled after this.
  private static final long STREAM_GRACE_MS = 1_000;
  // Handlers still running after their calls were cancelled (a big import batch, a rebuild that
  // stops at its next progress report) get this long before they are interrupted.
  private static final long HANDLER_GRACE_SECONDS = 30;

  private final Server server;
  private final Optional<LocalSocketServer> local;
  private final HealthStatusManager health;
  private final ExecutorService executor;

  private GrpcServer(Server server, Optional<LocalSocketServer> local, HealthStatusManager health,
      ExecutorService executor) {
    this.server = server;
    this.local = local;
    this.health = health;
    this.executor = executor;
  }

  /**
   * Binds and starts the server: on the TCP address, where every call but health must carry the
   * token (unless the configuration turned that off), and on the Unix socket, if one is configured
   * and this platform has one, where the socket's file mode keeps others out.
   *
   * @param maxInboundBytes largest request accepted; above it gRPC answers RESOURCE_EXHAUSTED
   * @param access the token and where clients find it
   */
  public static GrpcServer start(GrpcConfig config, long maxInboundBytes, List<ServerServiceDefinition> services,
      Access access) {
    InetSocketAddress address = resolve(config);
    warnIfExposed(address, config.requireToken());
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
    health.setStatus(MemoryServiceGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    // Request handlers block on RocksDB; they run on their own named pool, not on Netty's loop.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), new NamedThreads("memory-grpc", true));
    List<ServerServiceDefinition> all = new ArrayList<>(List.of(
        UnparseableRequests.guard(health.getHealthService().bindService()),
        UnparseableRequests.guard(ProtoReflectionServiceV1.newInstance().bindService()),
        UnparseableRequests.guard(legacyReflection().bindService())));
    services.forEach(service -> all.add(UnparseableRequests.guard(service)));
    int maxInbound = (int) Math.min(Integer.MAX_VALUE, maxInboundBytes);
    Optional<LocalSocketServer> local;
    try {
      local = config.socket().flatMap(path -> LocalSocketServer.start(path, all, executor, maxInbound));
    } catch (RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(address, InsecureServerCredentials.create())
            .executor(executor)
            .maxInboundMessageSize(maxInbound);
    TokenCheck tokenCheck = new TokenCheck(access.token(), access.howTo(local.map(LocalSocketServer::path)));
    all.forEach(service -> builder.addService(
        config.requireToken() ? ServerInterceptors.intercept(service, tokenCheck) : service));
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      local.ifPresent(socket -> {
        socket.shutdownNow();
        socket.release();
      });
      executor.shutdownNow();
      throw bindFailure(config, e);
    }
    return new GrpcServer(server, local, health, executor);
  }

  /**
   * What guards the TCP port.
   *
   * @param token the secret clients send as {@code authorization: Bearer TOKEN}
   * @param tokenFile where this user's clients read it
   */
  public record Access(String token, Path tokenFile) {
    /** What a client without the token is told: where it is, and the socket that needs none. */
    String howTo(Optional<Path> socket) {
      return "This daemon answers on TCP only to calls with the metadata 'authorization: Bearer TOKEN' "
          + "(`memory-daemon auth token` prints it; it is in " + tokenFile + ", readable by the daemon's user only)"
          + socket.map(path -> ", or over its Unix socket " + path + " (grpcurl -unix)").orElse("")
          + ". See docs/security.md.";
    }
  }

  /**
   * Fails with the same explanation as {@link #start} when the address cannot be bound now, so a
   * daemon says so before it opens (or creates) anything. Port 0 always binds.
   */
  public static void checkBindable(GrpcConfig config) {
    if (config.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(resolve(config));
    } catch (IOException e) {
      throw bindFailure(config, e);
    }
  }

  @SuppressWarnings("deprecation") // v1alpha reflection: older grpcurl and clients still use it.
  private static BindableService legacyReflection() {
    return ProtoReflectionService.newInstance();
  }

  /** The Unix socket clients of this user can use without a token, if there is one. */
  public Optional<Path> socket() {
    return local.map(LocalSocketServer::path);
  }

  /** The bound port (the real one when the configuration asked for port 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Reports whether the memory service can take new events: NOT_SERVING for
   * {@code memory.MemoryService} while its disk is full (reads still work; the overall status stays
   * SERVING, the process is fine), so a client checking health can hold its events back.
   */
  public void markWritable(boolean writable) {
    health.setStatus(MemoryServiceGrpc.SERVICE_NAME, writable ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  /** Reports SERVING to health checks: storage is open and requests can be answered. */
  public void markServing() {
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    health.setStatus(MemoryServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
  }

  /**
   * NOT_SERVING, refuse new calls, give in-flight ones a moment, then cancel the open streams and
   * wait (bounded) for the handlers still running, so nothing touches the stores after this returns.
   */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    local.ifPresent(LocalSocketServer::shutdown);
    try {
      if (!server.awaitTermination(STREAM_GRACE_MS, TimeUnit.MILLISECONDS)
          | !local.map(LocalSocketServer::awaitTermination).orElse(true)) {
        LOG.info("Cancelling the calls still open (health watches, streams) to stop");
        server.shutdownNow();
        local.ifPresent(LocalSocketServer::shutdownNow);
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
      local.ifPresent(LocalSocketServer::release);
      // the server delivers cancellations on the executor: shut it down only after the server
      executor.shutdown();
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        LOG.info("Waiting up to {} s for running calls (an import batch, a rebuild) to end", HANDLER_GRACE_SECONDS);
        if (!executor.awaitTermination(HANDLER_GRACE_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("Expected running calls to end within {} s, but some did not; interrupting them", HANDLER_GRACE_SECONDS);
          executor.shutdownNow();
          executor.awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      local.ifPresent(LocalSocketServer::shutdownNow);
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static InetSocketAddress resolve(GrpcConfig config) {
    try {
      return new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
    } catch (UnknownHostException e) {
      throw new DaemonStartException(
          "Cannot resolve grpc_host '" + config.host() + "'. Use an IP address such as 127.0.0.1.", e);
    }
  }

  private static void warnIfExposed(InetSocketAddress address, boolean requireToken) {
    if (!requireToken) {
      LOG.warn("!!! grpc_auth = none: every local user (and, off loopback, anyone who reaches {}) can read, "
          + "write and erase your memory over TCP. Use grpc_auth = token unless you really mean it. !!!", address);
    }
    if (!address.getAddress().isLoopbackAddress()) {
      LOG.warn(
          "!!! Binding {} — a non-loopback address, in plaintext: anyone on the way can read your conversation "
              + "history and the token. Use 127.0.0.1 unless you really mean it. !!!",
          address);
    }
  }

  private static DaemonStartException bindFailure(GrpcConfig config, IOException e) {
    // Netty's native transport reports bind errors as its own exception type, not BindException:
    // look at the messages of the whole cause chain.
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String reason = String.valueOf(cause.getMessage());
      if (reason.contains("in use")) {
        return new DaemonStartException(
            "Address already in use: " + config.endpoint() + " — another process (maybe another memory daemon) "
                + "listens there. Stop it, or use --port N (or grpc_port in config.toml / MEMORY_GRPC_PORT).", e);
      }
      if (cause instanceof BindException || reason.contains("bind(")) {
        return new DaemonStartException(
            "Cannot bind " + config.endpoint() + ": " + reason + ". Use --port N or another grpc_host.", e);
      }
    }
    return new DaemonStartException("Cannot start the gRPC server on " + config.endpoint() + ": " + e.getMessage(), e);
  }
}
