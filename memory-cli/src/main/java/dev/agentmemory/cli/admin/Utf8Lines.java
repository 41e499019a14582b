package dev.agentmemory.cli.admin;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lines of an input, each decoded as UTF-8 on its own: a line with an invalid byte is that
 * line's problem (reported and skipped by the caller), not the whole file's.
 */
final class Utf8Lines implements AutoCloseable {
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private boolean ended;

  Utf8Lines(InputStream in) {
    this.in = new BufferedInputStream(in);
  }

  /** One line: its text, or empty when it is not valid UTF-8. */
  record Line(Optional<String> text) {}

  /** The next line; null at the end of the input. */
  Line next() throws IOException {
    if (ended) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      bytes.write(b);
    }
    if (b < 0) {
      ended = true;
      if (bytes.size() == 0) {
        return null;
      }
    }
    byte[] line = bytes.toByteArray();
    int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
    try {
      return new Line(Optional.of(decoder.decode(ByteBuffer.wrap(line, 0, length)).toString()));
    } catch (CharacterCodingException e) {
      return new Line(Optional.empty());
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
