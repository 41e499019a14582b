package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.scheduler.JobNames;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin reset-checkpoint --job NAME}: unstick a job by clearing what it remembered. */
@Command(name = "reset-checkpoint", mixinStandardHelpOptions = true, description = "Clear a job's checkpoint so its next run starts over.")
public final class AdminResetCheckpointCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--job", required = true, paramLabel = "NAME", completionCandidates = JobNames.class, description = "One of: ${COMPLETION-CANDIDATES}.")
  String job;

  @Override
  public Integer call() {
    String description = admin.operating(operations -> operations.resetCheckpoint(admin.project(), job));
    spec.commandLine().getOut().println(description);
    return 0;
  }
}
