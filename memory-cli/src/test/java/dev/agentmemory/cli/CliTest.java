package dev.agentmemory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.agentmemory.cli.client.GrpcDaemonClient;
import dev.agentmemory.daemon.MemoryDaemon;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.wire.Headers;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, black-box: arguments in, exit code and text out (picocli's testing style). */
class CliTest {
  @TempDir Path tmp;
  private Platform platform;

  @BeforeEach
  void sandbox() {
    platform = new Platform(Platform.Os.LINUX, tmp.resolve("home"), Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString()));
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, CliContext.of(platform), new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int code, String out, String err) {}

  @Test
  void shouldSayThePluginIsEnabled_andWarnWhenHooksInstallIsThereToo() throws Exception {
    // given: the user's Claude settings enable the plugin
    Path settings = Files.createDirectories(tmp.resolve("home/.claude")).resolve("settings.json");
    Files.writeString(settings, "{\"enabledPlugins\": {\"agent-memory@agent-memory\": true}}");
    Result pluginOnly = run("hooks", "status");
    // and then our hook too
    Files.writeString(settings, "{\"enabledPlugins\": {\"agent-memory@agent-memory\": true}, \"hooks\": {\"SessionStart\": "
        + "[{\"hooks\": [{\"type\": \"command\", \"command\": \"/opt/am/bin/memory-daemon hook\"}]}]}}");
    Result both = run("hooks", "status");

    // then
    assertThat(pluginOnly.code()).as(pluginOnly.err()).isZero();
    assertThat(pluginOnly.out()).contains(settings + ": not installed; plugin agent-memory@agent-memory enabled\n");
    assertThat(both.out()).contains(settings + ": installed for SessionStart; plugin agent-memory@agent-memory enabled too: "
        + "each session is given its memory twice (memory-daemon hooks uninstall keeps the plugin)");
  }

  @Test
  void shouldReportNotRunningWithExitCode3_whenThereIsNoPidFile() {
    Result status = run("status");

    assertThat(status.code()).isEqualTo(3);
    assertThat(status.out()).contains("Memory daemon is NOT running (no PID file)", platform.pidFile().toString());
  }

  @Test
  void shouldDetectAndRemoveAStalePidFile() throws Exception {
    // given: the PID of a process that has exited
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createDirectories(platform.pidFile().getParent());
    Files.writeString(platform.pidFile(), gone.pid() + "\n");

    // when
    Result status = run("status");

    // then
    assertThat(status.code()).isEqualTo(3);
    assertThat(status.out()).contains("Memory daemon is NOT running (stale PID file)", "PID " + gone.pid(), "removed");
    assertThat(platform.pidFile()).doesNotExist();
  }

  @Test
  void shouldSayThereIsNothingToStop() {
    Result stop = run("stop");

    assertThat(stop.code()).isZero();
    assertThat(stop.out()).contains("NOT running (no PID file");
  }

  @Test
  void shouldListEvents_fromARunningDaemon() throws IOException {
    // given
    try (MemoryDaemon daemon = MemoryDaemon.start(
        new ConfigLoader(platform).load(Optional.empty(),
            Map.of(ConfigKey.GRPC_PORT, "0", ConfigKey.DB_PATH, tmp.resolve("db").toString())),
        platform, Clock.systemUTC(), Optional.empty())) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext()
          .intercept(Headers.bearer(daemon.token())).build();
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      String longId = null;
      for (int i = 0; i < 3; i++) {
        String id = UlidCreator.getMonotonicUlid().toString();
        longId = id;
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(Event.newBuilder()
            .setEventId(id)
            .setSessionId("s1")
            .setTimestampMs(1_767_225_600_000L + i)
            .setEventType(EventType.EVENT_TYPE_USER_MESSAGE)
            .setRole(EventRole.EVENT_ROLE_USER)
            .setText("line " + i + "\nof the invoice fix" + (i == 2 ? " " + "and why it matters ".repeat(10) + "END" : "")))
            .build());
      }
      channel.shutdownNow();
      String endpoint = "127.0.0.1:" + daemon.port();

      // when
      Result readable = run("query", "events", "--endpoint", endpoint, "--from", "2026-01-01", "--to", "2026-01-02");
      Result limited = run("query", "events", "-e", endpoint, "--from", "0", "--limit", "2");
      Result status = run("status");
      Result expanded = run("query", "expand", longId, "-e", endpoint);

      // then
      assertThat(readable.code()).as(readable.err()).isZero();
      assertThat(readable.out()).contains("Events (3 found, every store):", "user (user_message, session s1): line 0 of the invoice fix");
      assertThat(limited.out()).contains("Events (2 found, every store):", "More events available");
      assertThat(readable.out()).as("a line each: the start of a long text, cut between words").contains(" why it...")
          .doesNotContain("END");
      assertThat(expanded.out()).as("the cited event whole: %s", expanded).contains("    line 2\n    of the invoice fix and why",
          "matters END");
      assertThat(status.code()).as(status.out()).isZero();
      assertThat(status.out()).contains("Memory daemon is running (PID " + ProcessHandle.current().pid() + ")", "Health: SERVING");
    }
  }

  @Test
  void shouldExitWith3_whenTheDaemonCannotBeReached() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    Result result = run("query", "events", "--endpoint", "127.0.0.1:" + port);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("Cannot reach memory daemon at 127.0.0.1:" + port, "Connection refused");
  }

  @Test
  void shouldExitWith2_onUsageErrors() {
    assertThat(run("query", "events", "--endpoint", "nowhere").code()).isEqualTo(2);
    assertThat(run("query", "events", "--from", "yesterday", "-e", "127.0.0.1:1").code()).isEqualTo(2);
    Result inverted = run("query", "events", "--from", "2026-02-01", "--to", "2026-01-01", "-e", "127.0.0.1:1");
    assertThat(inverted.code()).isEqualTo(2);
    assertThat(inverted.err()).contains("--to must not be before --from");
    assertThat(run("start", "--bogus").code()).isEqualTo(2);
    assertThat(run("frobnicate").err()).contains("Unmatched argument");
  }

  @Test
  void shouldExitWith2AndStateTheRange_forOutOfRangeValues() {
    Result port = run("start", "--foreground", "--port", "70000");
    Result date = run("admin", "rebuild-toc", "--from-date", "2026-13-01");
    Result browse = run("query", "browse", "toc:year:2026", "--limit", "501", "-e", "127.0.0.1:1");
    Result events = run("query", "events", "--limit", "5000", "-e", "127.0.0.1:1");
    Result zero = run("query", "events", "--limit", "0", "-e", "127.0.0.1:1");
    Result expand = run("query", "expand", "g", "--before", "101", "-e", "127.0.0.1:1");

    assertThat(port.code()).as(port.err()).isEqualTo(2);
    assertThat(port.err()).contains("Invalid value for --port: 70000 (allowed: 0 to 65535)");
    assertThat(date.code()).isEqualTo(2);
    assertThat(date.err()).contains("'2026-13-01' is not a date as YYYY-MM-DD");
    assertThat(browse.code()).isEqualTo(2);
    assertThat(browse.err()).contains("--limit: 501 (allowed: 1 to 500)");
    assertThat(events.code()).isEqualTo(2);
    assertThat(events.err()).contains("--limit: 5000 (allowed: 1 to 1000)");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(expand.code()).isEqualTo(2);
    assertThat(expand.err()).contains("--before: 101 (allowed: 0 to 100)");
  }

  @Test
  void shouldListEverySchedulerJob_inTheHelpOfJobCommands() {
    for (String command : new String[] {"pause", "resume", "run"}) {
      assertThat(run("scheduler", command, "--help").out()).as(command).contains("toc_rollup_day", "toc_rollup_week",
          "toc_rollup_month", "toc_rollup_year", "rocksdb_compaction", "segment_summaries");
    }
    assertThat(run("admin", "reset-checkpoint", "--help").out()).contains("segment_summaries", "rocksdb_compaction");
  }

  @Test
  void shouldNameTheKey_whenTheConfigurationIsInvalid() throws IOException {
    Path config = tmp.resolve("bad.toml");
    Files.writeString(config, "grpc_port = \"lots\"\n");

    Result result = run("--config", config.toString(), "query", "events");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("Configuration error: Invalid value for grpc_port", config.toString());
  }

  @Test
  void shouldPrintTheVersion() {
    Result version = run("--version");

    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("memory-daemon ").containsPattern("\\(commit [0-9a-f]{7,}(-dirty)?, built \\d{4}-\\d\\d-\\d\\dT");
  }

  @Test
  void shouldPrintACompletionScriptOfEveryCommandAndOption() {
    // when
    Result completion = run("completion");

    // then: a bash script (zsh runs it through bashcompinit) naming the commands and their options
    assertThat(completion.code()).isZero();
    assertThat(completion.out()).contains("complete -F", "_complete_memory-daemon")
        .contains("search", "query", "admin", "scheduler", "hooks", "--all-projects", "--since", "rebuild-index");
  }

  @Test
  void shouldListEveryCommandWithAWholeSentence() {
    for (String group : List.of("", "admin", "admin import", "query", "hooks", "scheduler", "auth")) {
      List<String> args = new ArrayList<>(group.isEmpty() ? List.of()
          : List.of(group.split(" ")));
      args.add("--help");
      String help = run(args.toArray(String[]::new)).out();
      String commands = help.substring(help.indexOf("Commands:") + "Commands:".length());
      // an entry starts at two spaces and a name; its description goes on in deeper-indented lines
      for (String entry : commands.split("\\n(?=  [a-z])")) {
        String text = entry.strip().replaceAll("\\s+", " ");
        if (!text.isEmpty()) {
          assertThat(text).as("memory-daemon %s --help", group).endsWith(".");
        }
      }
    }
  }
}
