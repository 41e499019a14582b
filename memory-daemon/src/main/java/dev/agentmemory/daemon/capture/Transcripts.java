package dev.agentmemory.daemon.capture;

import dev.agentmemory.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** An agent's transcripts on disk, read as events (what `admin import <agent>` imports). */
public interface Transcripts {
  /** The transcript files under {@code root} (or {@code root} itself), in path order. */
  List<Path> files(Path root) throws IOException;

  /** Reads one file, handing each event to {@code sink} and counting what it went through. */
  void read(Path file, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException;

  /** An ISO-8601 instant as ms since the epoch; 0 when it is not one. */
  static long epochMs(String iso) {
    try {
      return java.time.Instant.parse(iso).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return 0;
    }
  }
}
