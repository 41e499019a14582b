package dev.agentmemory.cli;

import dev.agentmemory.daemon.config.DaemonConfig.GrpcConfig;

/**
 * Where to reach a daemon. Accepts {@code host:port}, {@code [v6]:port} and, as the earlier
 * implementation's docs wrote it, {@code http://host:port}.
 */
public record Endpoint(String host, int port) {

  public static Endpoint parse(String text) {
    String value = text.trim();
    if (value.startsWith("http://")) {
      value = value.substring("http://".length());
    } else if (value.contains("://")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a plaintext endpoint: the daemon speaks plaintext gRPC; use HOST:PORT");
    }
    if (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (for example 127.0.0.1:50051)");
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

  /** Where the daemon that published {@code info} answers. */
  public static Endpoint of(dev.agentmemory.daemon.lifecycle.DaemonInfo info) {
    return of(new GrpcConfig(info.host(), info.port()));
  }

  /** The endpoint a client should use for a daemon bound as {@code grpc} (wildcards mean loopback). */
  public static Endpoint of(GrpcConfig grpc) {
    String host = grpc.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return new Endpoint(host, grpc.port());
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
