package dev.agentmemory.cli.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output of the MCP server, shared by the SDK and {@link JsonRpcGate}: bytes are
 * collected up to each newline and written as one whole line, so the gate's error responses never
 * land inside one of the SDK's messages.
 */
final class McpOutput extends OutputStream {
  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

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

  private void emit() throws IOException {
    pending.writeTo(out);
    pending.reset();
    out.flush();
  }
}
