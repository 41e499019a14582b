package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.SearchService;
import dev.agentmemory.proto.RebuildIndexProgress;
import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.StoreSearch;
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
    return admin.maintaining(
        client -> {
          client.rebuildIndex(type, progress::report);
          return 0;
        },
        store -> {
          Embeddings embeddings = admin.root().config().searchVectors() ? Embeddings.deferred() : Embeddings.off();
          try (StoreSearch search = StoreSearch.open(store.store(), admin.root().zone(), embeddings)) {
            long total = store.store().events().count();
            long done = search.rebuild(keepVectors, n -> progress.report(
                RebuildIndexProgress.newBuilder().setEventsDone(n).setEventsTotal(total).build()));
            progress.report(RebuildIndexProgress.newBuilder().setEventsDone(done).setEventsTotal(total)
                .setFinished(true).setPendingVectors(search.stats().pendingVectors()).build());
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new CliException("Expected to close the search index cleanly, but " + e.getMessage());
          }
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

    void report(RebuildIndexProgress p) {
      if (terminal && !p.getFinished()) {
        out.printf("\rRebuilding the search index: %d / %d events (%d%%)", p.getEventsDone(), p.getEventsTotal(),
            100 * p.getEventsDone() / Math.max(1, p.getEventsTotal()));
        out.flush();
        return;
      }
      if (p.getFinished()) {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        out.printf("%sRebuilt the search index from %d events in %.1f s (%.0f events/s).%n", terminal ? "\r" : "",
            p.getEventsDone(), seconds, p.getEventsDone() / seconds);
        if (p.getPendingVectors() > 0) {
          out.printf("%d units wait for their vectors; the daemon computes them in the background "
              + "(memory-daemon status shows when semantic search has caught up).%n", p.getPendingVectors());
        }
      }
    }
  }
}
