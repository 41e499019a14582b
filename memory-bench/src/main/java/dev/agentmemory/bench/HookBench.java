package dev.agentmemory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-process time of the hook as Claude Code pays it: start {@code memory-daemon hook} with a
 * payload on stdin, wait for it to exit. Beside it, in the same run, a bare JVM that does nothing,
 * the floor of any Java hook. Each in a fresh sandbox (HOME and XDG directories in a temp dir).
 */
public final class HookBench {
  private HookBench() {}

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(args.length > 0 ? args[0] : "memory-cli/target/memory-daemon/bin/memory-daemon");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    if (!Files.isExecutable(launcher)) {
      System.err.println("usage: memory-bench hook [LAUNCHER] [RUNS]  (build it first: ./mvnw -DskipTests package)");
      System.exit(2);
    }
    Path sandbox = Files.createTempDirectory("memory-bench-hook");
    try {
      Path payload = sandbox.resolve("payload.json");
      Files.writeString(payload, "{\"session_id\":\"bench\",\"cwd\":\"" + sandbox + "\",\"hook_event_name\":\"PostToolUse\","
          + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"./gradlew test\"},\"tool_response\":{\"stdout\":\""
          + "BUILD SUCCESSFUL in 12s\\n".repeat(200) + "\"}}");
      Map<String, String> env = Map.of("HOME", sandbox.toString(), "XDG_DATA_HOME", sandbox.resolve("data").toString(),
          "XDG_STATE_HOME", sandbox.resolve("state").toString(), "PATH", System.getenv().getOrDefault("PATH", ""));
      String java = ProcessHandle.current().info().command().orElse("java");
      String classpath = System.getProperty("java.class.path");
      List<String> hook = List.of(launcher.toString(), "hook");
      List<String> bare = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classpath,
          Nothing.class.getName());
      measure(hook, env, payload, 3);
      measure(bare, env, payload, 3);
      Latencies hookTimes = measure(hook, env, payload, runs);
      Latencies codexTimes = measure(List.of(launcher.toString(), "hook", "--agent", "codex"), env, payload, runs);
      Map<String, Latencies> agents = otherAgents(launcher, env, sandbox, runs);
      Latencies bareTimes = measure(bare, env, payload, runs);
      System.out.printf("hook (%s hook), %d runs: p50 %.0f ms, p95 %.0f ms%n", launcher, runs,
          hookTimes.percentileMs(50), hookTimes.percentileMs(95));
      System.out.printf("hook --agent codex, same payload, %d runs: p50 %.0f ms, p95 %.0f ms%n", runs,
          codexTimes.percentileMs(50), codexTimes.percentileMs(95));
      agents.forEach((agent, times) -> System.out.printf("hook --agent %s, its own PostToolUse dialect, %d runs: p50 %.0f ms, p95 %.0f ms%n",
          agent, runs, times.percentileMs(50), times.percentileMs(95)));
      System.out.printf("bare JVM doing nothing, %d runs: p50 %.0f ms, p95 %.0f ms%n", runs,
          bareTimes.percentileMs(50), bareTimes.percentileMs(95));
      sessionStart(hook, env, sandbox, runs);
      System.out.printf("class-data archive: %s%n",
          Files.exists(launcher.toAbsolutePath().getParent().resolveSibling("lib").resolve("hook.jsa"))
              ? "present" : "absent (run `memory-daemon hooks install` to record it)");
    } finally {
      LocomoSummaryEval.deleteRecursively(sandbox);
    }
  }

  /**
   * The same tool result (a 4.8 KB shell output) in the payload dialect of Gemini CLI, Copilot CLI
   * (camelCase, arguments as a JSON string, the event on the command line) and OpenCode's plugin.
   */
  private static Map<String, Latencies> otherAgents(Path launcher, Map<String, String> env, Path sandbox, int runs)
      throws Exception {
    String output = "BUILD SUCCESSFUL in 12s\\n".repeat(200);
    String cwd = sandbox.toString();
    Map<String, String> payloads = new LinkedHashMap<>();
    payloads.put("gemini", "{\"session_id\":\"bench\",\"cwd\":\"" + cwd + "\",\"hook_event_name\":\"AfterTool\","
        + "\"timestamp\":\"2026-11-30T10:00:00.000Z\",\"tool_name\":\"run_shell_command\",\"tool_input\":{\"command\":"
        + "\"./gradlew test\"},\"tool_response\":{\"llmContent\":\"" + output + "\",\"error\":null}}");
    payloads.put("copilot", "{\"sessionId\":\"bench\",\"cwd\":\"" + cwd + "\",\"timestamp\":1796032800000,"
        + "\"toolName\":\"bash\",\"toolArgs\":\"{\\\"command\\\":\\\"./gradlew test\\\"}\","
        + "\"toolResult\":{\"resultType\":\"success\",\"textResultForLlm\":\"" + output + "\"}}");
    payloads.put("opencode", "{\"hook_event_name\":\"tool.execute.after\",\"directory\":\"" + cwd + "\","
        + "\"timestamp\":1796032800000,\"input\":{\"tool\":\"bash\",\"sessionID\":\"ses_bench\",\"callID\":\"c1\"},"
        + "\"args\":{\"command\":\"./gradlew test\"},\"output\":{\"output\":\"" + output + "\"}}");
    Map<String, Latencies> times = new LinkedHashMap<>();
    for (Map.Entry<String, String> agent : payloads.entrySet()) {
      Path payload = sandbox.resolve(agent.getKey() + ".json");
      Files.writeString(payload, agent.getValue());
      List<String> command = new ArrayList<>(List.of(launcher.toString(), "hook", "--agent", agent.getKey()));
      if (agent.getKey().equals("copilot")) {
        command.addAll(List.of("--event", "postToolUse"));
      }
      times.put(agent.getKey(), measure(command, env, payload, runs));
    }
    return times;
  }

  /**
   * SessionStart in a project (a directory with .git): first with no memory of it (the hook must
   * print nothing, every time), then with the file the daemon keeps for it (about 600 tokens).
   */
  private static void sessionStart(List<String> hook, Map<String, String> env, Path sandbox, int runs)
      throws IOException, InterruptedException {
    Path project = sandbox.resolve("shop-api");
    Files.createDirectories(project.resolve(".git"));
    Path payload = sandbox.resolve("session-start.json");
    Files.writeString(payload, "{\"session_id\":\"bench\",\"cwd\":\"" + project + "\",\"hook_event_name\":\"SessionStart\","
        + "\"source\":\"startup\"}");
    Path output = sandbox.resolve("hook.out");
    measure(hook, env, payload, 3);
    AtomicInteger printed = new AtomicInteger();
    Latencies fresh = measure(hook, env, payload, runs, output, printed);
    Path context = sandbox.resolve("data/agent-memory/context/shop-api.md");
    Files.createDirectories(context.getParent());
    Files.writeString(context, "# Memory of project shop-api (agent-memory)\n"
        + "- Mon 2026-11-23 14:02-15:10: Fixed the invoice tax rounding for Austrian customers\n".repeat(30));
    Latencies withContext = measure(hook, env, payload, runs, output, new AtomicInteger());
    System.out.printf("SessionStart, fresh project (prints nothing), %d runs: p50 %.0f ms, p95 %.0f ms; runs that printed: %d%n",
        runs, fresh.percentileMs(50), fresh.percentileMs(95), printed.get());
    System.out.printf("SessionStart with the project's memory (%d bytes printed), %d runs: p50 %.0f ms, p95 %.0f ms%n",
        Files.size(output), runs, withContext.percentileMs(50), withContext.percentileMs(95));
  }

  private static Latencies measure(List<String> command, Map<String, String> env, Path stdin, int runs)
      throws IOException, InterruptedException {
    return measure(command, env, stdin, runs, null, new AtomicInteger());
  }

  /** Times {@code runs} processes; with {@code output}, each one's stdout goes there, {@code printed} counts those that printed. */
  private static Latencies measure(List<String> command, Map<String, String> env, Path stdin, int runs, Path output,
      AtomicInteger printed) throws IOException, InterruptedException {
    Latencies times = new Latencies(runs);
    for (int i = 0; i < runs; i++) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin.toFile())
          .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()))
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().putAll(env);
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 30 s");
      }
      times.add(System.nanoTime() - start);
      if (output != null && Files.size(output) > 0) {
        printed.incrementAndGet();
      }
    }
    return times;
  }

  /** A JVM that starts and exits: the floor. */
  public static final class Nothing {
    public static void main(String[] args) {
      // nothing: measuring the JVM's own start and exit
    }
  }
}
