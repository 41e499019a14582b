package dev.agentmemory.bench;

import java.util.Arrays;

/** Entry point of {@code memory-bench}: one subcommand per measurement (docs/benchmarks.md). */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "locomo" -> LocomoSummaryEval.main(rest);
      case "rebuild" -> RebuildBench.main(rest);
      case "live-lag" -> LiveLagBench.main(rest);
      case "hook" -> HookBench.main(rest);
      case "load" -> LoadCommand.main(rest);
      case "cli" -> CliBench.main(rest);
      case "recall" -> RecallBench.main(rest);
      case "search" -> SearchBench.main(rest);
      case "mcp" -> McpBench.main(rest);
      case "ops" -> OpsBench.main(rest);
      case "idle" -> IdleBench.main(rest);
      case "live-cost" -> LiveCostBench.main(rest);
      case "session-start" -> SessionStartBench.main(rest);
      case "forget" -> ForgetBench.main(rest);
      case "viewer" -> ViewerBench.main(rest);
      case "start" -> StartBench.main(rest);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: memory-bench locomo DIR [--json FILE] | rebuild [EVENTS] [--json FILE]"
        + " | live-lag [EVENTS_PER_S] [SECONDS] | hook [LAUNCHER] [RUNS] | cli [LAUNCHER] [RUNS] | start [LAUNCHER] [RUNS] | recall DIR [--cross-validate] | mcp [LAUNCHER] [QUERIES] [LOCOMO_DIR] | ops [--events N] [--launcher PATH] [--cache DIR]"
        + " | search [--launcher PATH] [--sizes N,N] [--cache DIR] [--queries N] [--vector-seconds S]"
        + " [--parts rss,lag,stores] [--json FILE]"
        + " | live-cost [--launcher PATH] [--events 600] [--rate 10]"
        + " | session-start [--launcher PATH] [--sessions FILE] [--max-tokens N]"
        + " | forget [--launcher PATH] [--events 100000] [--cache DIR]"
        + " | viewer [--launcher PATH] [--events 100000] [--cache DIR]"
        + " | idle [--launcher PATH] [--seconds S] [--sizes 0,100000] [--vectors true|false] [--cache DIR] [--json FILE]"
        + " | load [--quick] [--launcher PATH] [--vectors true|false] [--sizes N,N] [--cache DIR] [--json FILE]");
    System.exit(2);
  }
}
