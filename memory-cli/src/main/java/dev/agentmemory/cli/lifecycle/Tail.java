package dev.agentmemory.cli.lifecycle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines a file got since an offset, to show why a background start failed. */
final class Tail {
  private static final int MAX_BYTES = 64 * 1024;

  private Tail() {}

  static String of(Path file, long fromOffset, int lines) {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(fromOffset, in.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) Math.max(0, in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      String text = String.join("\n", last).strip();
      return text.isEmpty() ? "" : "--- " + file.getFileName() + " ---\n" + text + "\n";
    } catch (IOException e) {
      return "";
    }
  }
}
