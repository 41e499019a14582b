package dev.agentmemory.cli.scheduler;

import dev.agentmemory.cli.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.DaemonOptions;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.proto.GetSchedulerStatusResponse;
import dev.agentmemory.proto.JobResultStatus;
import dev.agentmemory.proto.JobStatusProto;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scheduler status}: the table of jobs. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show every job: state, last and next run, counts.")
public final class SchedulerStatusCommand implements Callable<Integer> {
  private static final String ROW = "%-20s %-12s %-20s %-20s %-10s %-10s%n";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @ParentCommand SchedulerCommand scheduler;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;

  @Override
  public Integer call() {
    GetSchedulerStatusResponse status = options.ask(scheduler.root(), DaemonClient::schedulerStatus);
    PrintWriter out = spec.commandLine().getOut();
    if (options.json()) {
      ObjectNode json = Json.object().put("scheduler_running", status.getSchedulerRunning());
      ArrayNode jobs = json.putArray("jobs");
      for (JobStatusProto job : status.getJobsList()) {
        ObjectNode node = jobs.addObject()
            .put("job_name", job.getJobName())
            .put("cron_expr", job.getCronExpr())
            .put("last_run_ms", job.getLastRunMs())
            .put("last_duration_ms", job.getLastDurationMs())
            .put("last_result", job.getLastResult().name())
            .put("next_run_ms", job.getNextRunMs())
            .put("run_count", job.getRunCount())
            .put("error_count", job.getErrorCount())
            .put("is_running", job.getIsRunning())
            .put("is_paused", job.getIsPaused());
        if (job.hasLastError()) {
          node.put("last_error", job.getLastError());
        }
      }
      Json.print(out, json);
      return 0;
    }
    ZoneId zone = scheduler.root().zone();
    out.printf("Scheduler: %s%n%n", status.getSchedulerRunning() ? "RUNNING" : "STOPPED");
    if (status.getJobsCount() == 0) {
      out.println("No jobs registered.");
      return 0;
    }
    out.printf(ROW, "JOB", "STATUS", "LAST RUN", "NEXT RUN", "RUNS", "ERRORS");
    out.println("-".repeat(92));
    for (JobStatusProto job : status.getJobsList()) {
      String state = job.getIsPaused() ? "PAUSED" : job.getIsRunning() ? "RUNNING" : "IDLE";
      String last = job.getLastRunMs() == 0 ? "Never" : time(job.getLastRunMs(), zone);
      String next = job.getIsPaused() || job.getNextRunMs() == 0 ? "-" : time(job.getNextRunMs(), zone);
      out.printf(ROW, job.getJobName(), state, last, next, job.getRunCount(), job.getErrorCount());
      if (job.getLastResult() == JobResultStatus.JOB_RESULT_STATUS_FAILED && job.hasLastError()) {
        out.printf("  Last error: %s%n", job.getLastError());
      }
    }
    return 0;
  }

  private static String time(long ms, ZoneId zone) {
    return TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
  }
}
