package dev.agentmemory.capture;

import dev.agentmemory.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An agent's transcripts on disk, read as events (what `admin import <agent>` imports). */
public interface Transcripts {
  /** The transcript files under {@code root} (or {@code root} itself), in path order. */
  List<Path> files(Path root) throws IOException;

  /** Reads one file, handing each event to {@code sink} and counting what it went through. */
  void read(Path file, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException;

  /** {@code root} itself when it is a file, else the regular files under it that are {@code wanted}, in path order. */
  static List<Path> under(Path root, Predicate<Path> wanted) throws IOException {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(wanted).sorted().toList();
    }
  }

  /** An ISO-8601 instant as ms since the epoch; 0 when it is not one. */
  static long epochMs(String iso) {
    try {
      return Instant.parse(iso).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
