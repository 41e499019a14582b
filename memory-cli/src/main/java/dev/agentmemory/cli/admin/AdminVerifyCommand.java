package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.Json;
import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.daemon.grpc.AdminMapper;
import dev.agentmemory.proto.StoreVerification;
import dev.agentmemory.proto.VerifyStoresResponse;
import dev.agentmemory.storage.MemoryStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
    Optional<dev.agentmemory.cli.client.DaemonClient> daemon = admin.viaDaemon();
    VerifyStoresResponse result;
    if (daemon.isPresent()) {
      try (var client = daemon.get()) {
        result = client.verifyStores();
      }
    } else {
      result = AdminMapper.verification(readOnly(admin.defaultStore()));
    }
    print(spec.commandLine().getOut(), result);
    boolean sound = result.getStoresList().stream().allMatch(store -> store.getProblemsCount() == 0);
    return sound ? 0 : ExitCode.ERROR;
  }

  /** Each store opened read-only: nothing is written, not even by a TOC worker (a backup stays as it is). */
  private Map<String, dev.agentmemory.storage.StoreVerification> readOnly(Path main) {
    boolean hasDefault = Files.exists(main.resolve("CURRENT"));
    if (!hasDefault && ProjectNames.existing(main).isEmpty()) {
      throw new CliException("No store at " + main + " (give --db-path PATH)");
    }
    Map<String, dev.agentmemory.storage.StoreVerification> results = new LinkedHashMap<>();
    if (hasDefault) {
      try (MemoryStore store = MemoryStore.openReadOnly(main)) {
        results.put("", store.verify());
      }
    }
    for (String name : ProjectNames.existing(main)) {
      try (MemoryStore store = MemoryStore.openReadOnly(ProjectNames.storeDir(main, name))) {
        results.put(name, store.verify());
      }
    }
    return results;
  }

  private void print(PrintWriter out, VerifyStoresResponse result) {
    if (json) {
      var node = Json.object();
      var stores = node.putArray("stores");
      for (StoreVerification store : result.getStoresList()) {
        var entry = stores.addObject().put("project", store.getProject()).put("path", store.getPath())
            .put("events", store.getEvents()).put("toc_nodes", store.getTocNodes()).put("grips", store.getGrips());
        store.getProblemsList().forEach(entry.putArray("problems")::add);
      }
      Json.print(out, node);
      return;
    }
    int problems = 0;
    for (StoreVerification store : result.getStoresList()) {
      String name = store.getProject().isEmpty() ? "default store" : "project " + store.getProject();
      out.printf("%s (%s): %d events, %d TOC nodes, %d grips: %s%n", name, store.getPath(), store.getEvents(),
          store.getTocNodes(), store.getGrips(), store.getProblemsCount() == 0 ? "OK" : store.getProblemsCount() + " problem(s)");
      store.getProblemsList().forEach(problem -> out.printf("  - %s%n", problem));
      problems += store.getProblemsCount();
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
