package dev.agentmemory.cli.admin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin compact [--cf NAME]}. */
@Command(name = "compact", mixinStandardHelpOptions = true, description = "Compact all column families of the store, or one.")
public final class AdminCompactCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--cf", paramLabel = "NAME", description = "Only this column family: events, toc_nodes, toc_latest, grips, outbox, checkpoints, event_ids, toc_index.")
  String cf;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(cf == null ? "Compacting all column families..." : "Compacting column family: " + cf);
    out.flush();
    String name = cf == null ? "" : cf;
    List<String> compacted = admin.operating(operations -> operations.compact(admin.project(), name));
    out.printf("Compaction complete (%s).%n", String.join(", ", compacted));
    return 0;
  }
}
