package dev.agentmemory.cli.query;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.MemoryDaemonCommand;
import picocli.CommandLine.Option;

/** Options every query command takes. */
public final class QueryOptions {
  @Option(
      names = {"-e", "--endpoint"},
      paramLabel = "HOST:PORT",
      description = "Daemon to ask (default: grpc_host:grpc_port of the configuration, 127.0.0.1:50051).")
  String endpoint;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  Endpoint endpoint(MemoryDaemonCommand root) {
    if (endpoint == null) {
      return Endpoint.of(root.config().grpc());
    }
    try {
      return Endpoint.parse(endpoint);
    } catch (IllegalArgumentException e) {
      throw new CliException("Invalid --endpoint: " + e.getMessage(), ExitCode.USAGE);
    }
  }

  boolean json() {
    return json;
  }

  /** Connects to the daemon, makes one call, disconnects. */
  <T> T ask(MemoryDaemonCommand root, java.util.function.Function<dev.agentmemory.cli.client.DaemonClient, T> call) {
    try (dev.agentmemory.cli.client.DaemonClient client = root.context().clients().apply(endpoint(root))) {
      return call.apply(client);
    }
  }

  /** Prints {@code json} pretty, as --json asks. */
  static void print(java.io.PrintWriter out, com.fasterxml.jackson.databind.JsonNode json) {
    try {
      out.println(EventFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Expected to print JSON, but " + e.getMessage(), e);
    }
  }
}
