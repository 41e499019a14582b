package dev.agentmemory.cli.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How an agent's config file is changed: a timestamped backup first, then an atomic replace. */
final class FileEdits {
  /** Backups are {@code <file>.bak-<yyyyMMdd-HHmmss-SSS>[-n]}: names sort by time. */
  static final String BACKUP_INFIX = ".bak-";

  private FileEdits() {}

  /** Copies {@code file} to a backup name not taken yet; empty when there is no file. */
  static Optional<Path> backup(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    Path backup = file.resolveSibling(file.getFileName() + BACKUP_INFIX + stamp);
    for (int n = 1; Files.exists(backup); n++) {
      backup = file.resolveSibling(file.getFileName() + BACKUP_INFIX + stamp + "-" + n);
    }
    Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
    return Optional.of(backup);
  }

  /** Writes {@code bytes} beside {@code file}, then moves them over it: never a half-written file. */
  static void replace(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
