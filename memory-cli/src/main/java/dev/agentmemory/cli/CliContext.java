package dev.agentmemory.cli;

import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.cli.client.GrpcDaemonClient;
import dev.agentmemory.hook.Platform;
import java.util.function.Function;

/**
 * What commands need from outside: the platform (paths, environment) and a way to reach a daemon.
 * Tests build one with an in-process client.
 */
public record CliContext(Platform platform, Function<Endpoint, DaemonClient> clients) {

  public static CliContext system() {
    return new CliContext(Platform.current(), GrpcDaemonClient::connect);
  }
}
