package dev.agentmemory.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Standard output of the MCP server, shared by the SDK and {@link JsonRpcGate}: bytes are
 * collected up to each newline and written as one whole line, so the gate's error responses never
 * land inside one of the SDK's messages.
 */
final class McpOutput extends OutputStream {
  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final ObjectMapper json = new ObjectMapper();
  private long answered;

  McpOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    pending.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Writes {@code message} as a line of its own. */
  synchronized void writeLine(String message) throws IOException {
    out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /**
   * Waits (at most {@code limit}) until the SDK has answered {@code requests} requests: a client
   * may close its input right after its last request, which must still be answered.
   */
  synchronized void awaitAnswers(long requests, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (answered < requests && System.nanoTime() < deadline) {
      wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
  }

  private void emit() throws IOException {
    byte[] line = pending.toByteArray();
    pending.reset();
    out.write(line);
    out.flush();
    if (isAnswer(line)) {
      answered++;
      notifyAll();
    }
  }

  private boolean isAnswer(byte[] line) {
    try {
      JsonNode message = json.readTree(line);
      return message != null && message.has("id") && !message.has("method")
          && (message.has("result") || message.has("error"));
    } catch (IOException e) {
      return false;
    }
  }
}
