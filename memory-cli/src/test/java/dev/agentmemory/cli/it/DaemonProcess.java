package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code bin/memory-daemon} as a separate process, in a sandbox of temp
 * directories (HOME, XDG dirs), so nothing touches the real user's files or port 50051.
 */
final class DaemonProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final Path db;
  final Map<String, String> env = new HashMap<>();
  /** The command this sandbox runs: the packaged launcher unless a test installs it elsewhere. */
  Path command = launcher();

  DaemonProcess(Path root) {
    this.root = root;
    this.db = root.resolve("db");
    System.getenv().forEach((k, v) -> {
      if (!k.startsWith("MEMORY_") && !k.startsWith("XDG_") && !k.equals("RUST_LOG")) {
        env.put(k, v);
      }
    });
    env.put("HOME", root.resolve("home").toString());
    env.put("XDG_RUNTIME_DIR", root.resolve("run").toString());
    env.put("XDG_STATE_HOME", root.resolve("state").toString());
    env.put("XDG_CONFIG_HOME", root.resolve("config").toString());
    env.put("XDG_DATA_HOME", root.resolve("data").toString());
  }

  static Path launcher() {
    String dist = System.getProperty("memory.dist");
    assertThat(dist).as("system property memory.dist (set by failsafe)").isNotNull();
    return Path.of(dist, "bin", "memory-daemon");
  }

  /** Runs {@code memory-daemon args...} to completion. */
  Result run(String... args) throws IOException, InterruptedException {
    return run(List.of(), args);
  }

  /** Runs {@code memory-daemon args...} to completion in the working directory {@code dir}. */
  Result runIn(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(this.command.toString()));
    command.addAll(List.of(args));
    return run(command, null, Map.of(), dir);
  }

  /**
   * Runs {@code memory-daemon args...} as a user who owns nothing of the sandbox: nobody (through
   * setpriv) when the tests run as root, who may read anything. Otherwise the caller takes the
   * permissions away from this user (see {@link #runsAsRoot()}).
   */
  Result runAsStranger(String... args) throws IOException, InterruptedException {
    return run(runsAsRoot() ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of(), args);
  }

  /** The same with {@code extraEnv} over the sandbox's environment (the stranger's own home). */
  Result runAsStranger(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(
        runsAsRoot() ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of());
    command.add(this.command.toString());
    command.addAll(List.of(args));
    return run(command, null, extraEnv);
  }

  static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private Result run(List<String> prefix, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix);
    command.add(this.command.toString());
    command.addAll(List.of(args));
    return run(command, null, Map.of());
  }

  /** Runs any program (not necessarily memory-daemon) in this sandbox, {@code stdin} its input (null: none). */
  Result runProgram(Path stdin, String... commandLine) throws IOException, InterruptedException {
    return run(List.of(commandLine), stdin, Map.of());
  }

  /**
   * Runs {@code memory-daemon args...} with {@code stdin} as its input, as an agent runs a hook
   * (the packaged launcher, whatever {@link #command} is).
   */
  Result runWithInput(Path stdin, String... args) throws IOException, InterruptedException {
    return runWithInput(stdin, Map.of(), args);
  }

  /** The same with {@code extraEnv} added to the sandbox's environment. */
  Result runWithInput(Path stdin, Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    return run(command, stdin, extraEnv);
  }

  private Result run(List<String> command, Path stdin, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    return run(command, stdin, extraEnv, null);
  }

  /** @param dir the working directory; null: this process's */
  private Result run(List<String> command, Path stdin, Map<String, String> extraEnv, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Calls {@code call} until its answer contains {@code expected} (at most 60 s); returns that answer. */
  static String await(Callable<String> call, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String answer;
    while (!(answer = call.call()).contains(expected)) {
      assertThat(System.nanoTime()).as("waiting for %s in %s", expected, answer).isLessThan(deadline);
      Thread.sleep(300);
    }
    return answer;
  }

  /** Starts the daemon in the background on a free port; returns the bound port. */
  int start() throws IOException, InterruptedException {
    Result result = run("start", "--port", "0", "--db-path", db.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return port();
  }

  Path pidFile() {
    return root.resolve("run/agent-memory/daemon.pid");
  }

  JsonNode info() throws IOException {
    return JSON.readTree(root.resolve("run/agent-memory/daemon.json").toFile());
  }

  int port() throws IOException {
    return info().get("port").asInt();
  }

  long pid() throws IOException {
    return Long.parseLong(Files.readString(pidFile(), StandardCharsets.US_ASCII).trim());
  }

  /** A channel to the daemon's TCP port that shows its token, as this user's clients do. */
  ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().intercept(Headers.bearer(token())).build();
  }

  /** A channel that shows no token (what another local user can do). */
  ManagedChannel channelWithoutToken(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** The running daemon's token, from its runtime directory. */
  String token() {
    try {
      return Files.readString(root.resolve("run/agent-memory/daemon.token"), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new AssertionError("Expected the daemon's token in " + root.resolve("run/agent-memory"), e);
    }
  }

  /** Stops whatever daemon this sandbox still runs (test clean-up). */
  void stopQuietly() {
    try {
      if (Files.exists(pidFile())) {
        run("stop");
      }
    } catch (Exception e) {
      // best effort: the test already reports its own failure
    }
  }

  String logs() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("daemon.log", "daemon.out.log")) {
      Path file = root.resolve("state/agent-memory/logs").resolve(name);
      try {
        text.append("--- ").append(name).append(" ---\n").append(Files.readString(file));
      } catch (IOException e) {
        text.append("--- ").append(name).append(": none\n");
      }
    }
    return text.toString();
  }

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
