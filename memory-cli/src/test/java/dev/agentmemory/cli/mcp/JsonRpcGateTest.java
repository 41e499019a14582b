package dev.agentmemory.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What reaches the MCP SDK, and what the gate answers itself. */
class JsonRpcGateTest {
  private final ByteArrayOutputStream answered = new ByteArrayOutputStream();

  private String through(String... lines) throws Exception {
    String input = String.join("\n", lines) + "\n";
    JsonRpcGate gate = new JsonRpcGate(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new McpOutput(answered), Duration.ZERO);
    return new String(gate.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldPassWellFormedMessages_andAnswerTheRestItself() throws Exception {
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    String response = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}";

    String passed = through(ping, "{not json", "[" + ping + "]", "{\"jsonrpc\":\"2.0\",\"id\":4}",
        "[".repeat(50_000), "{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}",
        "", "42", notification, response);

    assertThat(passed).isEqualTo(ping + "\n" + notification + "\n" + response + "\n");
    String errors = answered.toString(StandardCharsets.UTF_8);
    assertThat(errors.lines()).hasSize(7);
    assertThat(errors.lines().filter(line -> line.contains("-32700"))).hasSize(2);
    assertThat(errors).contains("batches are not supported", "\"id\":4,\"error\"", "a request needs a method",
        "\"id\":5,\"error\"", "jsonrpc must be", "id must be a string");
  }

  @Test
  void shouldPassALastLineWithoutNewline() throws Exception {
    JsonRpcGate gate = new JsonRpcGate(new ByteArrayInputStream("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"
        .getBytes(StandardCharsets.UTF_8)), new McpOutput(answered), Duration.ZERO);

    assertThat(new String(gate.readAllBytes(), StandardCharsets.UTF_8)).endsWith("}\n");
  }
}
