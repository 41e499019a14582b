package dev.agentmemory.cli.scheduler;

import dev.agentmemory.cli.MemoryDaemonCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code scheduler}: see and steer the daemon's background jobs. */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = "Show and control the daemon's scheduled jobs (rollups of days, weeks, months and years, segment summaries, compaction).",
    subcommands = {
      SchedulerStatusCommand.class,
      JobToggleCommand.Pause.class,
      JobToggleCommand.Resume.class,
      SchedulerRunCommand.class
    })
public final class SchedulerCommand {
  @ParentCommand MemoryDaemonCommand root;

  MemoryDaemonCommand root() {
    return root;
  }
}
