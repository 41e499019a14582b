package dev.agentmemory.cli;

import java.time.Duration;

/** A failure to report to the user as is (no stack trace), with the exit code to use. */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(String message) {
    this(message, ExitCode.ERROR);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The daemon at {@code endpoint} accepts connections but answers nothing (stopped, hung, swamped). */
  public static CliException notAnswering(Endpoint endpoint, Duration waited) {
    return new CliException(
        "The memory daemon at " + endpoint + " accepted the connection but did not answer within " + waited.toMillis()
            + " ms: it is hung, stopped or overloaded. Look at its log (`memory-daemon status` says where), "
            + "or restart it: memory-daemon stop, then memory-daemon start.",
        ExitCode.NOT_RUNNING);
  }

  /** The daemon cannot be reached at {@code endpoint}. */
  public static CliException unreachable(Endpoint endpoint, String reason) {
    return new CliException(
        "Cannot reach memory daemon at " + endpoint + " (" + reason + ") — is it running? Try `memory-daemon status`.",
        ExitCode.NOT_RUNNING);
  }
}
