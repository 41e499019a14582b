package dev.agentmemory.daemon.lifecycle;

import dev.agentmemory.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret a client must show on the daemon's TCP port: 32 random bytes, made anew at each start
 * and kept in {@code daemon.token} beside the PID file, readable by this user only. Whoever can
 * read that file is this user (or root), so the port answers only them, as the Unix socket does.
 */
public final class DaemonToken {
  /** The file's name in the runtime directory. */
  public static final String FILE_NAME = "daemon.token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private DaemonToken() {}

  /** Writes a new token to {@code file} (mode 0600, replacing the last daemon's); returns it. */
  public static String writeNew(Path file) throws IOException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PrivateFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
    return token;
  }

  /** The token in {@code file}; empty when there is none or this user cannot read it. */
  public static Optional<String> read(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
