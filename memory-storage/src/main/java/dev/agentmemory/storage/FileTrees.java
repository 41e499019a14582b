package dev.agentmemory.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directory trees: stores, backups, indexes. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code dir} and everything in it; nothing when it does not exist. Links are deleted,
   * never followed: each directory is opened relative to its parent's open handle without
   * following links ({@link SecureDirectoryStream}, openat), so a directory swapped for a link
   * while we delete cannot lead us outside the tree. A link named {@code dir} is removed itself.
   */
  public static void delete(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Path absolute = dir.toAbsolutePath();
      try (DirectoryStream<Path> parent = Files.newDirectoryStream(absolute.getParent())) {
        if (parent instanceof SecureDirectoryStream<Path> secure) {
          deleteIn(secure, absolute.getFileName());
          return;
        }
      }
      // no openat on this platform: the walk does not follow links, but cannot rule out a swap
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("Expected to delete " + dir + ", but " + e.getMessage(), e);
    }
  }

  private static void deleteIn(SecureDirectoryStream<Path> parent, Path name) throws IOException {
    BasicFileAttributes attributes = parent.getFileAttributeView(name, BasicFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS).readAttributes();
    if (!attributes.isDirectory()) {
      parent.deleteFile(name);
      return;
    }
    try (SecureDirectoryStream<Path> children = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> names = new ArrayList<>();
      children.forEach(child -> names.add(child.getFileName()));
      for (Path child : names) {
        deleteIn(children, child);
      }
    }
    parent.deleteDirectory(name);
  }

  /**
   * Copies the tree {@code from} to {@code to} (created; files copied with their times, not
   * linked); {@code to} must not hold any of the same files.
   */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path destination = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
