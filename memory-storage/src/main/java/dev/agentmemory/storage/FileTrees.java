package dev.agentmemory.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directory trees: stores, backups, indexes. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code dir} and everything in it; nothing when it does not exist. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("Expected to delete " + dir + ", but " + e.getMessage(), e);
    }
  }
}
