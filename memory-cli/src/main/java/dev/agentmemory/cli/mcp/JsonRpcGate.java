package dev.agentmemory.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Stands between the client's lines and the MCP SDK, which stops answering for good after one
 * line it cannot handle. Each line must be one JSON-RPC 2.0 message: what is not JSON gets a
 * parse error (-32700), a batch or a malformed message an invalid-request error (-32600), written
 * by this gate; only well-formed messages reach the SDK, so every later request is answered.
 * Batches are refused: MCP (2025-06-18) removed JSON-RPC batching. The SDK drops what it has not
 * answered once its input ends, so the end is passed on only after every request was answered.
 */
final class JsonRpcGate extends InputStream {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

  private final Duration answerWait;

  private final InputStream in;
  private final McpOutput out;
  private final ObjectMapper json = new ObjectMapper();
  private byte[] line = new byte[0];
  private int position;
  private boolean ended;
  private long requests;

  JsonRpcGate(InputStream in, McpOutput out) {
    this(in, out, ANSWER_WAIT);
  }

  /** @param answerWait how long the end of input waits for the SDK's answers */
  JsonRpcGate(InputStream in, McpOutput out, Duration answerWait) {
    this.in = new BufferedInputStream(in);
    this.out = out;
    this.answerWait = answerWait;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return line[position++] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int count = Math.min(length, line.length - position);
    System.arraycopy(line, position, buffer, offset, count);
    position += count;
    return count;
  }

  /** Makes the next acceptable line (with its newline) current; false at the end of input. */
  private boolean fill() throws IOException {
    while (position >= line.length) {
      if (ended) {
        return false;
      }
      byte[] next = nextLine();
      if (next == null) {
        ended = true;
        awaitAnswers();
        return false;
      }
      JsonNode message = parse(next);
      Optional<String> refusal = refusal(message);
      if (refusal.isPresent()) {
        out.writeLine(refusal.get());
        continue;
      }
      if (message.has("method") && message.has("id")) {
        requests++;
      }
      line = next;
      position = 0;
    }
    return true;
  }

  private void awaitAnswers() throws IOException {
    try {
      out.awaitAnswers(requests, answerWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while requests were answered");
    }
  }

  /** The message on a line; null when the line is not JSON. */
  private JsonNode parse(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The next line with its newline; null at the end of input. Blank lines are skipped. */
  private byte[] nextLine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      bytes.write(b);
      if (b == '\n') {
        if (new String(bytes.toByteArray(), StandardCharsets.UTF_8).isBlank()) {
          bytes.reset();
          continue;
        }
        return bytes.toByteArray();
      }
    }
    if (bytes.size() == 0 || new String(bytes.toByteArray(), StandardCharsets.UTF_8).isBlank()) {
      return null;
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /**
   * The error response to a line the SDK must not see; empty when it holds a fine message.
   *
   * @param message the line's message, null when it is not JSON
   */
  private Optional<String> refusal(JsonNode message) {
    if (message == null) {
      return Optional.of(error(null, PARSE_ERROR, "Parse error: each line must be one JSON-RPC message"));
    }
    if (message.isMissingNode() || message.isArray()) {
      return Optional.of(error(null, INVALID_REQUEST,
          "Invalid Request: batches are not supported (MCP removed JSON-RPC batching); send one message per line"));
    }
    if (!message.isObject()) {
      return Optional.of(error(null, INVALID_REQUEST, "Invalid Request: a message is a JSON object"));
    }
    JsonNode id = message.get("id");
    if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
      return Optional.of(error(null, INVALID_REQUEST, "Invalid Request: id must be a string or an integer"));
    }
    if (!"2.0".equals(message.path("jsonrpc").asText())) {
      return Optional.of(error(id, INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\""));
    }
    JsonNode method = message.get("method");
    if (method != null && !method.isTextual()) {
      return Optional.of(error(id, INVALID_REQUEST, "Invalid Request: method must be a string"));
    }
    if (method == null && !(id != null && (message.has("result") || message.has("error")))) {
      return Optional.of(error(id, INVALID_REQUEST, "Invalid Request: a request needs a method"));
    }
    JsonNode params = message.get("params");
    if (params != null && !(params.isObject() || params.isArray())) {
      return Optional.of(error(id, INVALID_REQUEST, "Invalid Request: params must be an object"));
    }
    return Optional.empty();
  }

  private String error(JsonNode id, int code, String text) {
    ObjectNode response = json.createObjectNode().put("jsonrpc", "2.0");
    response.set("id", id == null ? json.nullNode() : id);
    response.putObject("error").put("code", code).put("message", text);
    return response.toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
