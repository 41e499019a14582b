package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code memory-daemon mcp} started by the MCP SDK's stdio client in a project's directory. */
final class McpSession implements AutoCloseable {
  final McpSyncClient client;

  McpSession(Path project, DaemonProcess daemon) {
    ServerParameters server = ServerParameters.builder("sh")
        .args("-c", "cd '" + project + "' && exec '" + DaemonProcess.launcher() + "' mcp")
        .env(daemon.env)
        .build();
    client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper())))
        .requestTimeout(Duration.ofSeconds(30))
        .build();
    client.initialize();
  }

  static String text(CallToolResult result) {
    return result.content().stream().map(content -> ((TextContent) content).text()).reduce("", String::concat);
  }

  CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
  }

  /** The answer's text, which must not be an error. */
  String text(String tool, Map<String, Object> arguments) {
    CallToolResult result = call(tool, arguments);
    assertThat(result.isError()).as("%s: %s", tool, text(result)).isFalse();
    return text(result);
  }

  /** Calls until the answer contains {@code expected} (the index is refreshed within seconds). */
  String awaitText(String tool, Map<String, Object> arguments, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      String text = text(tool, arguments);
      if (text.contains(expected) || System.nanoTime() > deadline) {
        return text;
      }
      Thread.sleep(500);
    }
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
