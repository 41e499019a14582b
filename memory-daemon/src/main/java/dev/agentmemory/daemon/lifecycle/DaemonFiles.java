package dev.agentmemory.daemon.lifecycle;

import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.hook.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PID file ({@code daemon.pid}, a bare number, for users' scripts) and {@code daemon.json}
 * beside it. Both are written to a temp file and moved into place, so a reader never sees half.
 * Every CLI command reads them: plain jackson-core, no data binding, keeps that cheap.
 */
public final class DaemonFiles {
  private final Path pidFile;
  private final Path infoFile;

  public DaemonFiles(Path pidFile) {
    this.pidFile = pidFile;
    this.infoFile = pidFile.resolveSibling("daemon.json");
  }

  public Path pidFile() {
    return pidFile;
  }

  public Path infoFile() {
    return infoFile;
  }

  /** Where the running daemon keeps its token ({@link DaemonToken}). */
  public Path tokenFile() {
    return pidFile.resolveSibling(DaemonToken.FILE_NAME);
  }

  /**
   * Makes the runtime directory (PID file, token, socket) this user's alone: created 0700, an
   * existing one tightened; one owned by somebody else is refused, as its files could be swapped.
   */
  public void prepareDirectory() throws IOException {
    Path dir = pidFile.toAbsolutePath().getParent();
    PrivateFiles.createDirectories(dir);
    Optional<String> owner = PrivateFiles.foreignOwner(dir);
    if (owner.isPresent()) {
      throw new IOException("the runtime directory " + dir + " belongs to " + owner.get() + ", not to "
          + System.getProperty("user.name") + "; remove it, or set XDG_RUNTIME_DIR to a directory of your own");
    }
    PrivateFiles.restrict(dir);
  }

  /** Publishes a started daemon. */
  public void write(DaemonInfo info) throws IOException {
    PrivateFiles.writeAtomically(infoFile, (JsonTree.write(info.toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    PrivateFiles.writeAtomically(pidFile, (info.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The PID in the PID file; empty when there is no file; -1 when it holds no number. */
  public Optional<Long> readPid() {
    try {
      String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
      try {
        return Optional.of(Long.parseLong(text));
      } catch (NumberFormatException e) {
        return Optional.of(-1L);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The published info; empty when missing or unreadable. */
  public Optional<DaemonInfo> readInfo() {
    try {
      return Optional.of(DaemonInfo.fromJson(JsonTree.parseObject(Files.readString(infoFile, StandardCharsets.UTF_8))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Removes both files, but only if they still describe {@code pid} (a newer daemon's stay). */
  public void removeIfOwnedBy(long pid) {
    if (readPid().filter(p -> p == pid).isPresent()) {
      removeAll();
    }
  }

  /** Removes the files, whoever wrote them (stale files of a dead daemon). */
  public void removeAll() {
    try {
      Files.deleteIfExists(pidFile);
      Files.deleteIfExists(infoFile);
      Files.deleteIfExists(tokenFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to remove " + pidFile + ", but " + e.getMessage(), e);
    }
  }
}
