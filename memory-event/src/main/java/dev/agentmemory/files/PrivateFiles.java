package dev.agentmemory.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner can read: directories 0700 and files 0600, whatever the umask. The
 * launcher also sets umask 077, so files made by libraries (RocksDB, Lucene, logback) are private
 * too; this class covers what we create ourselves and what older versions left readable.
 */
public final class PrivateFiles {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private PrivateFiles() {}

  /** Creates {@code dir} and its missing parents, each 0700 (existing ones are left as they are). */
  public static Path createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    if (!POSIX) {
      return Files.createDirectories(dir);
    }
    return Files.createDirectories(dir, ownerOnly("rwx------"));
  }

  /**
   * Writes {@code content} to {@code file} whole or not at all: a 0600 temp file beside it, forced
   * to disk, then moved over it, so a reader never sees half and nobody else can read it even for
   * a moment.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path dir = createDirectories(file.toAbsolutePath().getParent());
    Path temp = POSIX ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly("rw-------"))
        : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Opens {@code file} for writing from its start, readable by its owner only: created 0600, or an
   * existing file's mode tightened before anything is written to it.
   */
  public static OutputStream newOutputStream(Path file) throws IOException {
    Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    SeekableByteChannel channel = POSIX ? Files.newByteChannel(file, options, ownerOnly("rw-------"))
        : Files.newByteChannel(file, options);
    restrict(file);
    return Channels.newOutputStream(channel);
  }

  /** What a new file gets: mode 0600 where the file system has modes. */
  public static FileAttribute<?>[] ownerOnlyFile() {
    return POSIX ? new FileAttribute<?>[] {ownerOnly("rw-------")} : new FileAttribute<?>[0];
  }

  /**
   * The owner of {@code path} (not following a link) when that is another user than this process's;
   * empty when it is ours, or when this process's user is not known.
   */
  public static Optional<String> foreignOwner(Path path) throws IOException {
    String self = System.getProperty("user.name", "");
    String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    return self.isEmpty() || owner.equals(self) ? Optional.empty() : Optional.of(owner);
  }

  /** Takes every permission of group and others from {@code path} (not following a link). */
  public static boolean restrict(Path path) throws IOException {
    if (!POSIX || Files.isSymbolicLink(path)) {
      return false;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (!permissions.removeAll(GROUP_AND_OTHERS)) {
      return false;
    }
    Files.setPosixFilePermissions(path, permissions);
    return true;
  }

  /**
   * Restricts {@code root} and everything under it to its owner, without following links; returns
   * how many files and directories were readable by others before. A missing root counts 0.
   */
  public static int restrictTree(Path root) throws IOException {
    if (!POSIX || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int[] changed = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
        count(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isRegularFile() || attributes.isOther()) {
          count(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        // a file removed while we walk (RocksDB compacting) is no longer readable by anyone
        return FileVisitResult.CONTINUE;
      }

      private void count(Path path) throws IOException {
        try {
          if (restrict(path)) {
            changed[0]++;
          }
        } catch (NoSuchFileException e) {
          // gone meanwhile
        }
      }
    });
    return changed[0];
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}
