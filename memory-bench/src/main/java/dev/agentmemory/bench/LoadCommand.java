package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code memory-bench load [--quick] [--launcher PATH] [--sizes N,N] [--cache DIR] [--json FILE]}
 * ({@code --sizes ""}: no reads):
 * the daemon process under gRPC load (ingest with its baselines, reads on stores of each size),
 * printed as tables and written as JSON.
 */
final class LoadCommand {
  private LoadCommand() {}

  static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    boolean quick = options.contains("--quick");
    Path launcher = launcher(options);
    Path cache = cache(options);
    List<Integer> sizes = new ArrayList<>();
    for (String size : value(options, "--sizes", quick ? "10000" : "10000,100000,1000000").split(",")) {
      if (!size.isBlank()) {
        sizes.add(Integer.parseInt(size.trim()));
      }
    }
    ObjectNode report = LoadBench.JSON.createObjectNode().put("mode", quick ? "quick" : "full")
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"));
    Path work = Files.createTempDirectory("memory-bench-load");
    try {
      LoadBench.run(launcher, work, quick ? 2_000 : 20_000,
          Boolean.parseBoolean(value(options, "--vectors", "true")), report);
      LoadBench.print(report);
      for (int size : sizes) {
        ReadBench.run(launcher, cache, work, size, quick ? 500 : 5_000, report);
      }
      if (!sizes.isEmpty()) {
        ReadBench.print(report, sizes);
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(work);
    }
    writeJson(report, options);
  }

  /** Writes {@code report} to the file of {@code --json FILE}, if given. */
  static void writeJson(ObjectNode report, List<String> options) throws IOException {
    String json = value(options, "--json", null);
    if (json != null) {
      LoadBench.JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(json).toFile(), report);
    }
  }

  /** Where the generated synthetic stores are kept between runs ({@code --cache DIR}). */
  static Path cache(List<String> options) {
    return Path.of(value(options, "--cache", System.getProperty("user.home") + "/.cache/agent-memory-bench"));
  }

  /** The built daemon's launcher ({@code --launcher PATH}); exits when there is none. */
  static Path launcher(List<String> options) {
    Path launcher = Path.of(value(options, "--launcher", "memory-cli/target/memory-daemon/bin/memory-daemon"));
    if (!Files.isExecutable(launcher)) {
      System.err.println("No daemon launcher at " + launcher + ": build it first (./mvnw -B -DskipTests package) or "
          + "give --launcher PATH");
      System.exit(2);
    }
    return launcher;
  }

  /** The value after option {@code name}, or {@code fallback}. */
  static String value(List<String> options, String name, String fallback) {
    int at = options.indexOf(name);
    return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : fallback;
  }
}
