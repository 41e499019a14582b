package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.DaemonStartException;
import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.storage.NamedThreads;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same services on a Unix domain socket (Linux, Netty's epoll transport). The socket is 0600
 * in a 0700 directory: the kernel lets only this user (and root) connect, so calls here need no
 * token. Where the platform has no such transport the daemon serves TCP only, and says so.
 */
final class LocalSocketServer {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSocketServer.class);
  // sockaddr_un.sun_path holds 108 bytes on Linux, including the terminating NUL
  private static final int MAX_PATH_BYTES = 107;

  private final Path path;
  private final Server server;
  private final EventLoopGroup group;

  private LocalSocketServer(Path path, Server server, EventLoopGroup group) {
    this.path = path;
    this.server = server;
    this.group = group;
  }

  /** Serves {@code services} on {@code path}; empty (with a warning) where that cannot be done here. */
  static Optional<LocalSocketServer> start(Path path, List<ServerServiceDefinition> services, ExecutorService executor,
      int maxInbound) {
    if (!Epoll.isAvailable()) {
      LOG.warn("No Unix socket on this platform ({}): clients reach the daemon over TCP with the token",
          Epoll.unavailabilityCause().toString());
      return Optional.empty();
    }
    if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      LOG.warn("The socket path {} is longer than the {} bytes a Unix socket may have: serving TCP only. "
          + "Set grpc_socket to a shorter path (or XDG_RUNTIME_DIR).", path, MAX_PATH_BYTES);
      return Optional.empty();
    }
    prepare(path);
    EventLoopGroup group = new EpollEventLoopGroup(1, new NamedThreads("memory-grpc-socket", true));
    Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()), InsecureServerCredentials.create())
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .executor(executor)
        .maxInboundMessageSize(maxInbound)
        .addServices(services)
        .build();
    try {
      server.start();
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      server.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new DaemonStartException("Cannot listen on the Unix socket " + path + ": " + e.getMessage()
          + ". Set grpc_socket to another path, or to \"off\" to serve TCP only.", e);
    }
    return Optional.of(new LocalSocketServer(path, server, group));
  }

  /**
   * A private directory for the socket, and no file in its way: a socket left by a daemon that
   * died is removed (the caller made sure no daemon runs); anything else there is not ours to delete.
   */
  private static void prepare(Path path) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      PrivateFiles.createDirectories(dir);
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
            || Files.isSymbolicLink(path)) {
          throw new DaemonStartException("Cannot listen on the Unix socket " + path + ": something else is there. "
              + "Move it away, or set grpc_socket to another path.");
        }
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new DaemonStartException("Cannot prepare the Unix socket " + path + ": " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  void shutdown() {
    server.shutdown();
  }

  void shutdownNow() {
    server.shutdownNow();
  }

  boolean awaitTermination() {
    try {
      return server.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** After the server ended: its threads stop and the socket file goes. */
  void release() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Expected to remove the socket {}, but {}", path, e.getMessage());
    }
  }
}
