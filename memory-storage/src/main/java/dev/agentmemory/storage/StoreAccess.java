package dev.agentmemory.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Why a directory cannot hold a store for this process, in words a person can act on: a file where
 * a directory belongs, or permissions (with the owner and mode, so the fix is obvious).
 */
public final class StoreAccess {
  private StoreAccess() {}

  /**
   * The problem with using {@code dir} as a store, if any. A directory that does not exist is no
   * problem here (whoever needs it creates it or says it is missing).
   *
   * @param write whether the store must also be writable
   */
  public static Optional<String> problem(Path dir, boolean write) {
    if (!Files.exists(dir)) {
      if (Files.notExists(dir)) {
        return Optional.empty();
      }
      return Optional.of("Permission denied: cannot look into a directory on the way to " + dir
          + ". Check the permissions of its parents (ls -ld), or choose another path.");
    }
    if (!Files.isDirectory(dir)) {
      return Optional.of(dir + " is a file, not a directory. Point --db-path (db_path, MEMORY_DB_PATH) at a "
          + "directory: an existing store, or a new one to create.");
    }
    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
      return Optional.of("Permission denied: cannot read the store at " + dir + describe(dir)
          + ". Run as its owner, or give yourself access (chown / chmod u+rwx).");
    }
    Path current = dir.resolve("CURRENT");
    if (Files.exists(current) && !Files.isReadable(current)) {
      return Optional.of("Permission denied: cannot read the store at " + dir + describe(current)
          + ". Run as its owner, or give yourself access (chown -R / chmod -R u+rw).");
    }
    if (write && !Files.isWritable(dir)) {
      return Optional.of("Permission denied: cannot write the store at " + dir + describe(dir)
          + ". Run as its owner, or give yourself access (chown / chmod u+rwx).");
    }
    return Optional.empty();
  }

  /** " (owned by root, rwx------; you are nobody)", or "" where the file system does not say. */
  private static String describe(Path dir) {
    try {
      PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
      return " (owned by " + attributes.owner().getName() + ", " + PosixFilePermissions.toString(attributes.permissions())
          + "; you are " + System.getProperty("user.name") + ")";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
