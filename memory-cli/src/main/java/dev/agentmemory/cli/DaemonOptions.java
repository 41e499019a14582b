package dev.agentmemory.cli;

import dev.agentmemory.cli.client.DaemonClient;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options of every command that talks to a running daemon: where it is, and JSON output. */
public final class DaemonOptions {
  @Option(
      names = {"-e", "--endpoint"},
      paramLabel = "HOST:PORT",
      description = "Daemon to talk to (default: the running daemon of this user, else grpc_host:grpc_port "
          + "of the configuration, 127.0.0.1:50051).")
  String endpoint;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  public Endpoint endpoint(MemoryDaemonCommand root) {
    if (endpoint == null) {
      return running(root).orElseGet(() -> Endpoint.of(root.config().grpc()));
    }
    try {
      return Endpoint.parse(endpoint);
    } catch (IllegalArgumentException e) {
      throw new CliException("Invalid --endpoint: " + e.getMessage(), ExitCode.USAGE);
    }
  }

  /** Where this user's running daemon listens, as its PID file says (it may use port 0). */
  public static Optional<Endpoint> running(MemoryDaemonCommand root) {
    return root.context().runningDaemon().map(Endpoint::of);
  }

  public boolean json() {
    return json;
  }

  /** Connects to the daemon, makes one call, disconnects. */
  public <T> T ask(MemoryDaemonCommand root, Function<DaemonClient, T> call) {
    try (DaemonClient client = root.context().clients().apply(endpoint(root))) {
      return call.apply(client);
    }
  }
}
