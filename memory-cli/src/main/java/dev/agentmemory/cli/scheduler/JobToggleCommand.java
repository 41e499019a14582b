package dev.agentmemory.cli.scheduler;

import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.DaemonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scheduler pause|resume JOB}. The state survives a daemon restart. */
abstract class JobToggleCommand implements Callable<Integer> {
  @ParentCommand SchedulerCommand scheduler;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Parameters(paramLabel = "JOB", completionCandidates = JobNames.class, description = "One of: ${COMPLETION-CANDIDATES}.")
  String job;

  private final boolean pause;

  JobToggleCommand(boolean pause) {
    this.pause = pause;
  }

  @Override
  public Integer call() {
    JobControl.Outcome outcome = options.ask(scheduler.root(), client -> {
      if (pause) {
        var answer = client.pauseJob(job);
        return new JobControl.Outcome(answer.getSuccess(), answer.getError());
      }
      var answer = client.resumeJob(job);
      return new JobControl.Outcome(answer.getSuccess(), answer.getError());
    });
    JobControl.check(outcome.success(), outcome.error(), pause ? "pause" : "resume", job);
    if (options.json()) {
      Json.print(spec.commandLine().getOut(),
          Json.object().put("job", job).put("paused", pause));
    } else {
      spec.commandLine().getOut().printf("Job '%s' %s.%n", job, pause ? "paused" : "resumed");
    }
    return 0;
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a scheduled job (survives restarts).")
  static final class Pause extends JobToggleCommand {
    Pause() {
      super(true);
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a scheduled job (survives restarts).")
  static final class Resume extends JobToggleCommand {
    Resume() {
      super(false);
    }
  }
}
