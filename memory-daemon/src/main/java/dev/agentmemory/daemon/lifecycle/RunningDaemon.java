package dev.agentmemory.daemon.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the daemon a PID file describes, if it is really alive. A PID alone proves nothing (PIDs
 * are reused, and a killed daemon nobody reaps stays a zombie that still answers {@code kill -0}),
 * so a daemon counts as running only when all of these hold: the process lives and is not a
 * zombie; {@code daemon.json} (written before the PID file) names that PID; the process started
 * when {@code daemon.json} says; and the lock of its store is not free. Anything less is a stale
 * PID file, and nobody signals that process.
 */
public final class RunningDaemon {
  // Start times come from the OS in clock ticks; both readings use the same source.
  private static final long START_TIME_TOLERANCE_MS = 1_000;

  private RunningDaemon() {}

  /** What the PID file says, and whether it is alive. */
  public sealed interface State {}

  /** No PID file. */
  public record NoPidFile() implements State {}

  /** A PID file that does not describe a running daemon; {@code reason} says why. */
  public record Stale(long pid, String reason) implements State {}

  /** A live daemon and what it published. */
  public record Alive(ProcessHandle process, DaemonInfo info) implements State {}

  public static State inspect(DaemonFiles files) {
    Optional<Long> read = files.readPid();
    if (read.isEmpty()) {
      return new NoPidFile();
    }
    long pid = read.get();
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return new Stale(pid, "no process has PID " + pid);
    }
    if (isZombie(pid)) {
      return new Stale(pid, "PID " + pid + " is a dead process nobody reaped (a zombie)");
    }
    Optional<DaemonInfo> info = files.readInfo().filter(i -> i.pid() == pid);
    if (info.isEmpty()) {
      return new Stale(pid, "PID " + pid + " is not described by " + files.infoFile().getFileName()
          + ", so it is some other program");
    }
    if (!startedAt(process.get(), info.get().startedAtMs())) {
      return new Stale(pid, "PID " + pid + " started at another time than the daemon did: another program now");
    }
    if (StoreLock.isFree(Path.of(info.get().dbPath()))) {
      return new Stale(pid, "nobody holds the lock of the store " + info.get().dbPath());
    }
    return new Alive(process.get(), info.get());
  }

  /** What the running daemon published, if one runs. */
  public static Optional<DaemonInfo> find(DaemonFiles files) {
    return inspect(files) instanceof Alive alive ? Optional.of(alive.info()) : Optional.empty();
  }

  /** Start time of {@code process} in ms since the epoch, 0 if the OS does not say. */
  public static long startTimeMs(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static boolean startedAt(ProcessHandle process, long expectedMs) {
    long actual = startTimeMs(process);
    return actual == 0 || expectedMs == 0 || Math.abs(actual - expectedMs) <= START_TIME_TOLERANCE_MS;
  }

  /** On Linux, state Z in /proc/PID/stat; elsewhere (no /proc) never. */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // "pid (command name, which may hold spaces and parentheses) S ..."
      int end = stat.lastIndexOf(')');
      return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
