package dev.agentmemory.daemon.lifecycle;

import java.time.Instant;
import java.util.Optional;

/**
 * Finds the daemon a PID file describes, if it is really alive: the process exists and started
 * when {@code daemon.json} says (so a PID reused by an unrelated process is not mistaken for it).
 */
public final class RunningDaemon {
  // Start times come from the OS in clock ticks; both readings use the same source.
  private static final long START_TIME_TOLERANCE_MS = 1_000;

  private RunningDaemon() {}

  /** What the PID file says, and whether it is alive. */
  public sealed interface State {}

  /** No PID file. */
  public record NoPidFile() implements State {}

  /** A PID file whose process is gone (or is another program now). */
  public record Stale(long pid) implements State {}

  /** A live daemon; {@code info} is empty while it has written its PID file but not its info. */
  public record Alive(ProcessHandle process, Optional<DaemonInfo> info) implements State {}

  public static State inspect(DaemonFiles files) {
    Optional<Long> pid = files.readPid();
    if (pid.isEmpty()) {
      return new NoPidFile();
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return new Stale(pid.get());
    }
    Optional<DaemonInfo> info = files.readInfo().filter(i -> i.pid() == pid.get());
    if (info.isPresent() && !startedAt(process.get(), info.get().startedAtMs())) {
      return new Stale(pid.get());
    }
    return new Alive(process.get(), info);
  }

  /** Start time of {@code process} in ms since the epoch, 0 if the OS does not say. */
  public static long startTimeMs(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static boolean startedAt(ProcessHandle process, long expectedMs) {
    long actual = startTimeMs(process);
    return actual == 0 || expectedMs == 0 || Math.abs(actual - expectedMs) <= START_TIME_TOLERANCE_MS;
  }
}
