package dev.agentmemory.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code memory-bench forget [--launcher PATH] [--events 100000] [--cache DIR]}: {@code admin
 * forget} of the newest session through a running daemon, on a copy of the cached store that
 * {@code load} generates, the daemon's keyword index built first (vectors off: their build would
 * take the machine for the whole run). What the user waits for, the search index's share included.
 */
final class ForgetBench {
  private ForgetBench() {}

  static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    Path launcher = LoadCommand.launcher(options);
    int events = Integer.parseInt(LoadCommand.value(options, "--events", "100000"));
    Path cache = LoadCommand.cache(options);
    Path work = Files.createTempDirectory("memory-bench-forget");
    try {
      try (DaemonUnderTest daemon = DaemonUnderTest.onIndexedCopy(launcher, work, cache, events)) {
        Path exported = work.resolve("all.jsonl");
        OpsBench.cli(launcher, work, "admin", "export", "--output", exported.toString());
        String session = OpsBench.newestSession(exported);
        OpsBench.Timed forget = OpsBench.cli(launcher, work, "admin", "forget", "--session", session, "--yes");
        OpsBench.report("admin forget of the newest session through the daemon ("
            + forget.out().replaceAll("(?s).*Forgot (\\d+) events.*", "$1") + " events, " + events + " in the store)", forget);
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(work);
    }
  }
}
