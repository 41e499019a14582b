package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.Json;
import dev.agentmemory.daemon.operations.MemoryReads;
import dev.agentmemory.domain.StoreVerification;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin verify}: checksums and invariants of every store; exit 1 on a problem. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check every store (the default one and each project's): RocksDB's checksums of every file, and the "
          + "store's own invariants (id index, counters, outbox, TOC nodes and grips).",
      "Changes nothing; exits 1 on a problem. Through the daemon when it serves the store, else read-only "
          + "(also on a backup's db directory)."
    })
public final class AdminVerifyCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  @Override
  public Integer call() {
    Map<String, StoreVerification> results = admin.reading(MemoryReads::verify);
    print(spec.commandLine().getOut(), results);
    boolean sound = results.values().stream().allMatch(store -> store.problems().isEmpty());
    return sound ? 0 : ExitCode.ERROR;
  }

  private void print(PrintWriter out, Map<String, StoreVerification> results) {
    if (json) {
      var node = Json.object();
      var stores = node.putArray("stores");
      results.forEach((project, store) -> {
        var entry = stores.addObject().put("project", project).put("path", store.store().toString())
            .put("events", store.events()).put("toc_nodes", store.tocNodes()).put("grips", store.grips());
        store.problems().forEach(entry.putArray("problems")::add);
      });
      Json.print(out, node);
      return;
    }
    int problems = 0;
    for (Map.Entry<String, StoreVerification> result : results.entrySet()) {
      StoreVerification store = result.getValue();
      String name = result.getKey().isEmpty() ? "default store" : "project " + result.getKey();
      out.printf("%s (%s): %d events, %d TOC nodes, %d grips: %s%n", name, store.store(), store.events(),
          store.tocNodes(), store.grips(), store.problems().isEmpty() ? "OK" : store.problems().size() + " problem(s)");
      store.problems().forEach(problem -> out.printf("  - %s%n", problem));
      problems += store.problems().size();
    }
    if (problems > 0) {
      out.println("What to do: restore the newest sound backup (memory-daemon admin restore --from DIR, after "
          + "memory-daemon admin verify --db-path DIR/db on it); a TOC problem alone is repaired by "
          + "memory-daemon admin rebuild-toc, an index problem by memory-daemon admin rebuild-index.");
    } else {
      out.println("Every store is sound.");
    }
  }
}
