package dev.agentmemory.daemon.lifecycle;

import dev.agentmemory.daemon.DaemonStartException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code daemon.lock} in the store directory, held for the daemon's lifetime: one daemon per store.
 * The OS releases it when the process dies, so a crashed daemon never leaves a stale lock. It
 * holds the owner's PID so that a refused start can say who has it.
 */
public final class StoreLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of the store in {@code dbDir} (which must exist) or explains who holds it. */
  public static StoreLock acquire(Path dbDir, long pid) {
    Path file = dbDir.resolve("daemon.lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (AccessDeniedException e) {
      throw new DaemonStartException(
          "Permission denied: cannot write " + file + ". Check who owns " + dbDir
              + " (ls -la), fix its permissions, or choose another --db-path.", e);
    } catch (IOException e) {
      throw new DaemonStartException("Cannot open " + file + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = readOwner(channel);
        channel.close();
        throw new DaemonStartException(
            "The database at " + dbDir + " is locked by another memory daemon" + owner
                + ". Stop it first (memory-daemon stop), or use another --db-path.");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new StoreLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DaemonStartException("Cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * True only when the lock of the store in {@code dbDir} could be taken (and was released at
   * once): then no daemon uses the store. An unreadable lock file proves nothing and answers false.
   */
  public static boolean isFree(Path dbDir) {
    Path file = dbDir.resolve("daemon.lock");
    if (!Files.exists(file)) {
      return Files.isDirectory(dbDir);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process (a second daemon in one JVM, as in tests)
    }
  }

  private static String readOwner(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "" : " (pid " + pid + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing; the original error is the one to report
    }
  }
}
