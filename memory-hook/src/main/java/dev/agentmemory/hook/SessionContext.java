package dev.agentmemory.hook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The memory a new session starts with: one small file per project, {@code context/<project>.md}
 * in the data directory. The daemon rewrites it whenever that project's table of contents changes;
 * the hook only reads it, so a session start never waits for the daemon (and still gets the last
 * known memory while the daemon is down).
 */
public final class SessionContext {
  /** The hook argument that turns the session-start memory off ({@code hooks install --no-context}). */
  public static final String NO_CONTEXT = "--no-context";
  /** A file larger than this is not ours to print (the daemon writes about 2.5 KB). */
  private static final long MAX_BYTES = 64 * 1024;

  private SessionContext() {}

  public static Path dir(Platform platform) {
    return platform.dataDir().resolve("context");
  }

  public static Path file(Platform platform, String project) {
    return dir(platform).resolve(ProjectName.sanitize(project) + ".md");
  }

  /** The project's memory as the daemon last wrote it; empty when there is none. */
  public static Optional<byte[]> read(Platform platform, String project) throws IOException {
    if (project.isBlank()) {
      return Optional.empty();
    }
    Path file = file(platform, project);
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
  }
}
