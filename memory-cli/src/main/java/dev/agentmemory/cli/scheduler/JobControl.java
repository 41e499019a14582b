package dev.agentmemory.cli.scheduler;

import dev.agentmemory.cli.CliException;

/** Shared wording of job commands. */
final class JobControl {
  private JobControl() {}

  /** What the daemon answered to a job call. */
  record Outcome(boolean success, String error) {}

  /** Exits 1 with the daemon's reason (it names the known jobs for an unknown one). */
  static void check(boolean success, String error, String verb, String job) {
    if (!success) {
      throw new CliException("Failed to " + verb + " '" + job + "': " + error);
    }
  }
}
