package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.Usage;
import dev.agentmemory.daemon.operations.TocRebuildProgress;
import dev.agentmemory.toc.TocRebuilder;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin rebuild-toc}: rebuild the table of contents from the event log. */
@Command(
    name = "rebuild-toc",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the table of contents from the event log, through the same code path as live building.",
      "Works while the daemon runs (it does the work) and when it is stopped (this process does)."
    })
public final class AdminRebuildTocCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--from-date", paramLabel = "YYYY-MM-DD", converter = Usage.DateConverter.class,
      description = "Rebuild only from this day on (default: everything).")
  LocalDate fromDate;

  @Option(names = "--dry-run", description = "Only say how many events would be processed, and their time span.")
  boolean dryRun;

  @Override
  public Integer call() {
    Progress progress = new Progress(spec.commandLine().getOut(), admin.root().zone(), dryRun, System.console() != null);
    return admin.operating(operations -> {
      operations.rebuildToc(admin.project(), Optional.ofNullable(fromDate), dryRun, progress::report);
      return 0;
    });
  }

  /** Prints progress: counts on a terminal as it goes, a summary at the end. */
  private static final class Progress {
    private final PrintWriter out;
    private final ZoneId zone;
    private final boolean dryRun;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private boolean announced;

    Progress(PrintWriter out, ZoneId zone, boolean dryRun, boolean terminal) {
      this.out = out;
      this.zone = zone;
      this.dryRun = dryRun;
      this.terminal = terminal;
    }

    void report(TocRebuildProgress p) {
      TocRebuilder.Plan plan = p.plan();
      if (!announced) {
        announced = true;
        if (dryRun) {
          out.println("DRY RUN - No changes will be made");
        }
        if (plan.events() == 0) {
          out.println("No events to rebuild TOC from.");
          return;
        }
        out.printf("Found %d events to process%n", plan.events());
        out.printf("  First event timestamp: %s%n  Last event timestamp:  %s%n", time(plan.firstTimestampMs()),
            time(plan.lastTimestampMs()));
        if (dryRun) {
          out.printf("Would process events from %s to %s%n", time(plan.firstTimestampMs()), time(plan.lastTimestampMs()));
        }
      }
      if (dryRun || plan.events() == 0) {
        return;
      }
      if (terminal && !p.finished()) {
        out.printf("\rRebuilding TOC: %d / %d events (%d%%)", p.done(), plan.events(),
            100 * p.done() / Math.max(1, plan.events()));
        out.flush();
      }
      if (p.finished()) {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        out.printf("%sRebuilt the TOC from %d events in %.1f s (%.0f events/s).%n", terminal ? "\r" : "",
            plan.events(), seconds, plan.events() / seconds);
      }
    }

    private String time(long ms) {
      return TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
    }
  }
}
