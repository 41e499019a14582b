package dev.agentmemory.hook;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.Ulids;
import dev.agentmemory.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sessions the user keeps out of memory. A prompt holding {@value #MARKER} marks its session:
 * that event and every later one of the session are not captured, and the hook asks the daemon
 * (through the spool, {@link Spool#requestForget}) to forget what it already stored of it. The
 * mark is a file named by a hash of agent and session in {@code hook-state/private-sessions/}.
 */
public final class PrivateSessions {
  /** What a prompt says to keep its whole session out of memory (any case). */
  public static final String MARKER = "<private-session>";

  private final Path dir;

  public PrivateSessions(Platform platform) {
    this.dir = platform.dataDir().resolve("hook-state").resolve("private-sessions");
  }

  /** Whether {@code event} asks to keep its session out of memory. */
  public static boolean asksPrivacy(Event event) {
    String text = event.text();
    for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
      if (text.regionMatches(true, at, MARKER, 0, MARKER.length())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code event}'s session was marked private before (one stat when none ever was). */
  public boolean isPrivate(Event event) {
    return Files.isDirectory(dir) && Files.exists(file(event));
  }

  /** Marks {@code event}'s session private; later events of it are not captured. */
  public void mark(Event event) throws IOException {
    PrivateFiles.writeAtomically(file(event), new byte[0]);
  }

  private Path file(Event event) {
    // the ids' hash, not SHA-256: its provider costs the hook tens of milliseconds to start
    return dir.resolve(Ulids.fromSeed(event.agent() + "\n" + event.sessionId()));
  }

  /** What the daemon is asked to forget: the session, in its project. */
  static Map<String, String> forgetRequest(Event event) {
    return Map.of("session_id", event.sessionId(), "project", event.metadata().getOrDefault("project", ""),
        "agent", event.agent());
  }
}
