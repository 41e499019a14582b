package dev.agentmemory.daemon.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the daemon's process {@code memory-daemon}, as {@code pgrep}, {@code ps -C}, {@code top}
 * and {@code pmap $(pgrep memory-daemon)} see it, wherever the distribution is installed (the JVM
 * would otherwise be just {@code java}). On Linux a thread may rename any thread of its process
 * through /proc, and tools read the name of the first one; elsewhere this does nothing.
 */
public final class ProcessName {
  /** The name the daemon's process goes by. */
  public static final String NAME = "memory-daemon";

  private ProcessName() {}

  /** Best effort: returns whether the name was set. */
  public static boolean set() {
    long pid = ProcessHandle.current().pid();
    Path comm = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "comm");
    try {
      Files.writeString(comm, NAME);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
