package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.SearchService;
import dev.agentmemory.daemon.operations.IndexRebuildProgress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin rebuild-index}: rebuild the search index from the event log. */
@Command(
    name = "rebuild-index",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the search index from the event log (the log is the truth), through the same code path as live indexing.",
      "Works while the daemon runs (it does the work) and when it is stopped (this process does; the daemon computes",
      "the vectors when it next starts). Interrupted, the index is rebuilt from the start at the next start."
    })
public final class AdminRebuildIndexCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "all",
      description = "bm25: rebuild the keyword index, keeping the vectors of unchanged units; "
          + "vector or all: also embed every unit again (in the background). Default: ${DEFAULT-VALUE}.")
  String type;

  @Override
  public Integer call() {
    boolean keepVectors;
    try {
      keepVectors = SearchService.rebuildKeepsVectors(type);
    } catch (RuntimeException e) {
      throw new CliException("--type must be bm25, vector or all, got '" + type + "'", 2);
    }
    Progress progress = new Progress(spec.commandLine().getOut(), System.console() != null);
    return admin.operating(operations -> {
      operations.rebuildIndex(admin.project(), keepVectors, progress::report);
      return 0;
    });
  }

  /** Prints progress: counts on a terminal as it goes, a summary at the end. */
  private static final class Progress {
    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();

    Progress(PrintWriter out, boolean terminal) {
      this.out = out;
      this.terminal = terminal;
    }

    void report(IndexRebuildProgress p) {
      if (terminal && !p.finished()) {
        out.printf("\rRebuilding the search index: %d / %d events (%d%%)", p.done(), p.total(),
            100 * p.done() / Math.max(1, p.total()));
        out.flush();
        return;
      }
      if (p.finished()) {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        out.printf("%sRebuilt the search index from %d events in %.1f s (%.0f events/s).%n", terminal ? "\r" : "",
            p.done(), seconds, p.done() / seconds);
        if (p.pendingVectors() > 0) {
          out.printf("%d units wait for their vectors; the daemon computes them in the background "
              + "(memory-daemon status shows when semantic search has caught up).%n", p.pendingVectors());
        }
      }
    }
  }
}
