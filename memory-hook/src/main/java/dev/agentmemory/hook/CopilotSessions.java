package dev.agentmemory.hook;

import dev.agentmemory.event.Ulids;
import dev.agentmemory.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copilot CLI's two session quirks, kept in small files under {@code <data dir>/hook-state/copilot}:
 * early builds send no session id (one is made up per working directory and kept until the session
 * really ends), and interactive mode fires sessionStart before every prompt (only the first start
 * of a session is captured).
 */
final class CopilotSessions {
  /** sessionEnd reasons that end the session for good (others come per prompt or on errors). */
  private static final List<String> FINAL_REASONS = List.of("user_exit", "complete");

  /** State older than this (a week) belongs to a session that ended without saying so. */
  private static final long STALE_MS = 7L * 24 * 60 * 60 * 1000;

  private final Path dir;

  CopilotSessions(Platform platform) {
    this.dir = platform.dataDir().resolve("hook-state").resolve("copilot");
  }

  /**
   * The payload with its session id filled in; empty for a repeated session start. A state file
   * that cannot be read or written throws (the hook logs it) rather than capturing wrongly.
   */
  Optional<Map<String, Object>> resolve(Map<String, Object> payload) {
    try {
      String cwd = Dialects.text(payload, "cwd");
      Path byDirectory = dir.resolve("cwd-" + Ulids.fromSeed(cwd));
      String session = Dialects.text(payload, "session_id");
      if (session.isBlank()) {
        session = sessionOf(byDirectory);
        payload.put("session_id", session);
      }
      Path started = dir.resolve("started-" + Ulids.fromSeed(session));
      switch (Dialects.text(payload, "hook_event_name")) {
        case "SessionStart" -> {
          if (Files.exists(started)) {
            return Optional.empty();
          }
          pruneStale();
          write(started, session);
        }
        case "SessionEnd" -> {
          if (FINAL_REASONS.contains(Dialects.text(payload, "reason"))) {
            Files.deleteIfExists(started);
            Files.deleteIfExists(byDirectory);
          }
        }
        default -> { }
      }
      return Optional.of(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Forgets sessions that never ended as Copilot says they do (a crash, a killed terminal): their
   * files are left after {@link #STALE_MS}; a new session start clears them.
   */
  private void pruneStale() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    long before = System.currentTimeMillis() - STALE_MS;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.getLastModifiedTime(file).toMillis() < before) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * The made-up session of a directory: the one on file, else a new one, created so that two hooks
   * running at once agree on it (the second finds the first's file).
   */
  private String sessionOf(Path byDirectory) throws IOException {
    if (!Files.exists(byDirectory)) {
      PrivateFiles.createDirectories(dir);
      // written whole under another name, then linked in place: linking fails if the name exists
      Path temp = Files.createTempFile(dir, ".session-", ".tmp");
      try {
        Files.writeString(temp, "copilot-" + UUID.randomUUID());
        Files.createLink(byDirectory, temp);
      } catch (FileAlreadyExistsException raced) {
        // another hook made it a moment ago: use theirs
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return Files.readString(byDirectory).strip();
  }

  private void write(Path file, String content) throws IOException {
    PrivateFiles.writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
  }
}
