package dev.agentmemory.cli.scheduler;

import dev.agentmemory.cli.DaemonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scheduler resume JOB}. The state survives a daemon restart. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a scheduled job (survives restarts).")
public final class SchedulerResumeCommand implements Callable<Integer> {
  @ParentCommand SchedulerCommand scheduler;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Parameters(paramLabel = "JOB", description = "toc_rollup_day, toc_rollup_week, toc_rollup_month, toc_rollup_year or rocksdb_compaction.")
  String job;

  @Override
  public Integer call() {
    var response = options.ask(scheduler.root(), client -> client.resumeJob(job));
    JobControl.check(response.getSuccess(), response.getError(), "resume", job);
    spec.commandLine().getOut().printf("Job '%s' resumed.%n", job);
    return 0;
  }
}
