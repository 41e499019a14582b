package dev.agentmemory.cli;

/** Process exit codes; scripts rely on them (see docs/operations.md). */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  /** The daemon is not running or cannot be reached (LSB's "program is not running"). */
  public static final int NOT_RUNNING = 3;
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
