package dev.agentmemory.cli;

import dev.agentmemory.daemon.config.DaemonConfig.GrpcConfig;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where to reach a daemon: its Unix socket ({@code socket} set), or TCP {@code host:port}.
 * Accepts {@code unix:/path}, {@code host:port}, {@code [v6]:port} and, as the earlier
 * implementation's docs wrote it, {@code http://host:port}.
 */
public record Endpoint(String host, int port, Path socket) {
  private static final String UNIX = "unix:";

  /** A TCP endpoint. */
  public Endpoint(String host, int port) {
    this(host, port, null);
  }

  /** The Unix socket at {@code socket}. */
  public static Endpoint unix(Path socket) {
    return new Endpoint("", 0, socket.toAbsolutePath());
  }

  public boolean isUnix() {
    return socket != null;
  }

  public static Endpoint parse(String text) {
    String value = text.trim();
    if (value.startsWith(UNIX)) {
      // unix:/path and unix:///path, as grpcurl and gRPC's own target names write it
      String path = value.substring(UNIX.length()).replaceFirst("^//(?=/)", "");
      if (path.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' names no socket; use unix:/path/to/daemon.sock");
      }
      return unix(Path.of(path));
    }
    if (value.startsWith("http://")) {
      value = value.substring("http://".length());
    } else if (value.contains("://")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a plaintext endpoint: the daemon speaks plaintext gRPC; use HOST:PORT or unix:PATH");
    }
    if (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (for example 127.0.0.1:50051) or unix:PATH");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return new Endpoint(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no valid port (1-65535)");
    }
  }

  /**
   * Where the daemon that published {@code info} answers: its Unix socket when it has one this
   * process can use (no token needed), else its TCP port.
   */
  public static Endpoint of(DaemonInfo info) {
    if (!info.socket().isEmpty() && Files.exists(Path.of(info.socket()))) {
      return unix(Path.of(info.socket()));
    }
    return of(new GrpcConfig(info.host(), info.port()));
  }

  /** The TCP endpoint a client should use for a daemon bound as {@code grpc} (wildcards mean loopback). */
  public static Endpoint of(GrpcConfig grpc) {
    String host = grpc.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return new Endpoint(host, grpc.port());
  }

  @Override
  public String toString() {
    if (isUnix()) {
      return UNIX + socket;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
