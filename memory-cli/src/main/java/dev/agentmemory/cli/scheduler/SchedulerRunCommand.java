package dev.agentmemory.cli.scheduler;

import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.proto.JobStatusProto;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scheduler run JOB [--wait]}: a run now, outside the schedule (paused or not). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job now, outside its schedule.")
public final class SchedulerRunCommand implements Callable<Integer> {
  @ParentCommand SchedulerCommand scheduler;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Parameters(paramLabel = "JOB", completionCandidates = JobNames.class, description = "One of: ${COMPLETION-CANDIDATES}.")
  String job;

  @Option(names = "--wait", description = "Wait until the run has finished and print its result.")
  boolean waitForIt;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Longest wait with --wait (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    Usage.requireRange(spec, "--timeout", timeoutSeconds, 1, 86_400);
    PrintWriter out = spec.commandLine().getOut();
    try (DaemonClient client = scheduler.root().context().clients().apply(options.endpoint(scheduler.root()))) {
      JobStatusProto before = find(client);
      var response = client.runJob(job);
      JobControl.check(response.getSuccess(), response.getError(), "run", job);
      if (!waitForIt) {
        if (options.json()) {
          Json.print(out, Json.object().put("job", job).put("started", true));
        } else {
          out.printf("Job '%s' started.%n", job);
        }
        return 0;
      }
      if (!options.json()) {
        out.printf("Job '%s' started.%n", job);
      }
      out.flush();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(timeoutSeconds));
      while (Instant.now().isBefore(deadline)) {
        JobStatusProto now = find(client);
        if (!now.getIsRunning() && now.getLastRunMs() > 0 && !sameRun(before, now)) {
          String result = now.getLastResult().name().replace("JOB_RESULT_STATUS_", "");
          if (options.json()) {
            var node = Json.object().put("job", job).put("result", result)
                .put("duration_ms", now.getLastDurationMs());
            if (now.hasLastError()) {
              node.put("error", now.getLastError());
            }
            Json.print(out, node);
          } else {
            out.printf("Job '%s' finished: %s in %d ms%s%n", job, result, now.getLastDurationMs(),
                now.hasLastError() ? " (" + now.getLastError() + ")" : "");
          }
          return now.getLastResult().name().endsWith("FAILED") ? 1 : 0;
        }
        Thread.sleep(100);
      }
      throw new CliException("Job '" + job + "' did not finish within " + timeoutSeconds + " s; see `memory-daemon scheduler status`");
    }
  }

  private JobStatusProto find(DaemonClient client) {
    return client.schedulerStatus().getJobsList().stream().filter(j -> j.getJobName().equals(job)).findFirst()
        .orElse(JobStatusProto.getDefaultInstance());
  }

  private static boolean sameRun(JobStatusProto before, JobStatusProto now) {
    return before.getLastRunMs() == now.getLastRunMs() && before.getRunCount() == now.getRunCount()
        && before.getErrorCount() == now.getErrorCount() && before.getLastResult() == now.getLastResult();
  }
}
