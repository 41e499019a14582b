package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Code capture with the packaged launcher: the hook, the spool, the installer, the import. */
class CaptureIT {
  /** The hook module's payload fixtures, written from the Claude Code hook spec (claude-code.md); they are in this repository. */
  private static final Path FIXTURES =
      Path.of("..", "memory-hook", "src", "test", "resources", "claude-code").toAbsolutePath().normalize();
  /** Fixtures that hold no event: nothing is stored for them. */
  private static final List<String> MALFORMED = List.of("empty.json", "truncated.json", "not-an-object.json", "no-session.json");
  private static final String SESSION = "9b2e4f60-7c1d-4e8a-b3f5-2d6c8a0e1f47";

  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    assertThat(FIXTURES).as("test inputs").isDirectory();
    daemon = new DaemonProcess(tmp);
  }

  @AfterEach
  void cleanUp() {
    if (daemon != null) {
      daemon.stopQuietly();
    }
  }

  /** Runs {@code memory-daemon hook} with {@code stdin}, as Claude Code does; returns exit code and stdout. */
  private DaemonProcess.Result hook(Path stdin) throws Exception {
    return hook(stdin, Map.of());
  }

  private DaemonProcess.Result hook(Path stdin, Map<String, String> env) throws Exception {
    return daemon.runWithInput(stdin, env, "hook");
  }

  private List<Event> allEvents(int port) {
    ManagedChannel channel = daemon.channel(port);
    try {
      return MemoryServiceGrpc.newBlockingStub(channel).getEvents(GetEventsRequest.newBuilder()
          .setFromTimestampMs(0).setToTimestampMs(Long.MAX_VALUE / 2).setLimit(1000).build()).getEventsList();
    } finally {
      channel.shutdownNow();
    }
  }

  private List<Event> awaitEvents(int port, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    List<Event> events = allEvents(port);
    while (events.size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      events = allEvents(port);
    }
    return events;
  }

  @Test
  void shouldFindWhatTheHookStored_withTheReadmesCommands_fromInsideTheProject() throws Exception {
    // given: the hook stored a prompt of project billing-svc (its cwd), which has a store of its own
    daemon.start();
    assertThat(hook(FIXTURES.resolve("user-prompt-submit.json")).exitCode()).isZero();
    Path project = Files.createDirectories(tmp.resolve("work").resolve("billing-svc"));

    // when: the README's search runs inside the project's directory, with no --project
    String found = DaemonProcess.await(() -> daemon.runIn(project, "search", "Austrian VAT").out(), "--project billing-svc");

    // then: it read the project's store, says so, and its hints name the project, so they work as printed
    assertThat(found).contains("project billing-svc (this directory's)");
    String hint = found.lines().filter(line -> line.contains("read on: memory-daemon query node "))
        .findFirst().map(line -> line.replaceFirst(".*read on: memory-daemon ", "")).orElseThrow(
            () -> new AssertionError("no hint in " + found));
    assertThat(hint).endsWith(" --project billing-svc");
    DaemonProcess.Result node = daemon.run(hint.split(" "));
    assertThat(node.exitCode()).as(node.toString()).isZero();
    assertThat(node.out()).contains("Austrian");
    DaemonProcess.Result root = daemon.runIn(project, "query", "root");
    assertThat(root.out()).as(root.toString()).contains("Root TOC Nodes (1 found, project billing-svc (this directory's))");

    // status reads the same store, and names the projects
    DaemonProcess.Result status = daemon.runIn(project, "status");
    assertThat(status.out()).as(status.toString()).contains("Search of project billing-svc (this directory's): keyword ready (")
        .contains("Projects with a store: billing-svc");
    assertThat(daemon.runIn(project, "status", "--project", ".").exitCode()).isZero();

    // and outside it, the default store answers nothing and says where the words are
    DaemonProcess.Result outside = daemon.runIn(tmp, "search", "Austrian VAT");
    assertThat(outside.exitCode()).as(outside.toString()).isZero();
    assertThat(outside.out()).startsWith("Nothing found (hybrid; the default store)")
        .contains("Found in other stores: project billing-svc (1). Search them with --all-projects");
    assertThat(daemon.runIn(tmp, "query", "root").out()).contains("No TOC nodes found in the default store.");
  }

  @Test
  void shouldCaptureEveryFixture_silently_andRedactSecrets() throws Exception {
    // given: the daemon runs
    int port = daemon.start();
    List<Path> fixtures = new ArrayList<>();
    try (var files = Files.list(FIXTURES)) {
      files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(fixtures::add);
    }

    // when: every fixture goes through the hook
    for (Path fixture : fixtures) {
      DaemonProcess.Result result = hook(fixture);
      // then: exit 0, nothing on stdout (Claude Code may show it to the model) but the project's
      // memory at a session start (agents.md), nothing on stderr
      assertThat(result.exitCode()).as(fixture.toString()).isZero();
      if (fixture.getFileName().toString().equals("session-start.json")) {
        assertThat(result.out()).as(fixture.toString()).satisfiesAnyOf(
            out -> assertThat(out).isEmpty(), out -> assertThat(out).startsWith("# Memory of project billing-svc"));
      } else {
        assertThat(result.out()).as(fixture.toString()).isEmpty();
      }
      assertThat(result.err()).as(fixture.toString()).isEmpty();
    }

    // then: one event per well-formed fixture
    int expected = fixtures.size() - MALFORMED.size();
    List<Event> events = awaitEvents(port, expected);
    assertThat(events).hasSize(expected);
    assertThat(events).extracting(Event::getEventType).contains(EventType.EVENT_TYPE_SESSION_START,
        EventType.EVENT_TYPE_USER_MESSAGE, EventType.EVENT_TYPE_TOOL_RESULT, EventType.EVENT_TYPE_ASSISTANT_STOP,
        EventType.EVENT_TYPE_SUBAGENT_START, EventType.EVENT_TYPE_SUBAGENT_STOP, EventType.EVENT_TYPE_SESSION_END);
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getAgent()).isEqualTo("claude");
      assertThat(event.getSessionId()).isEqualTo(SESSION);
    });
    assertThat(events).anySatisfy(event -> assertThat(event.getText()).startsWith("Invoices for Austrian customers"));
    assertThat(events).anySatisfy(event -> assertThat(event.getText()).startsWith("WorktreeCreated"));
    // and none of the .env secrets reached the store
    String everything = events.toString();
    assertThat(everything).doesNotContain("tr0ub4dor", "sk_live_4eC39HqLyjWDarjtT1zdp7dcFixture", "AKIAJ7Q2FIXTURE0KEY9",
        "q8Lr2mWx9VbT4nKp7sJd3FgH6yZc1AeXfixture0", "ghp_Fx7Kq2Lm9Np4Rs6Tv8Wy1Za3Bc5De7Fg9Hi0");
    assertThat(everything).contains("[REDACTED:aws-access-key]");
    long billing = events.stream().filter(e -> "billing-svc".equals(e.getMetadataMap().get("project"))).count();
    assertThat(billing).isGreaterThan(10);
    String stats = daemon.run("admin", "stats", "--project", "billing-svc", "--json").out();
    assertThat(stats).contains("\"events\" : " + billing);
    assertThat(new ObjectMapper().readTree(stats).get("redactions").asLong()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldLoseNothing_whenTheDaemonIsDown() throws Exception {
    // given: the daemon is not running, and 100 distinct prompts arrive
    for (int i = 0; i < 100; i++) {
      Path payload = tmp.resolve("prompt-" + i + ".json");
      Files.writeString(payload, "{\"session_id\":\"offline\",\"cwd\":\"/tmp\",\"hook_event_name\":\"UserPromptSubmit\","
          + "\"prompt\":\"request number " + i + "\"}");
      assertThat(hook(payload).exitCode()).isZero();
    }
    // and one of them is sent twice (a retry)
    hook(tmp.resolve("prompt-7.json"));

    // when
    int port = daemon.start();

    // then: 100 events, none twice
    List<Event> events = awaitEvents(port, 100);
    assertThat(events).hasSize(100);
    assertThat(events.stream().map(Event::getText).distinct().count()).isEqualTo(100);
    assertThat(daemon.run("hooks", "status").out()).contains("(0 events waiting)", "SERVING");
  }

  @Test
  void shouldInstallIdempotently_keepOtherSettings_andUninstallExactlyWhatItAdded() throws Exception {
    // given: a user settings file with other settings and another hook
    Path settings = tmp.resolve("home/.claude/settings.json");
    Files.createDirectories(settings.getParent());
    String original = """
        {
          "model" : "opus",
          "permissions" : { "allow" : [ "Bash(npm test)" ] },
          "hooks" : {
            "PostToolUse" : [ { "matcher" : "Edit", "hooks" : [ { "type" : "command", "command" : "prettier --write" } ] } ]
          }
        }
        """;
    Files.writeString(settings, original);
    ObjectMapper json = new ObjectMapper();

    // when
    DaemonProcess.Result install = daemon.run("hooks", "install", "--user");
    DaemonProcess.Result again = daemon.run("hooks", "install");

    // then
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.out()).contains("Hook: installed in " + settings, "Backup of the previous file");
    assertThat(again.out()).contains("already installed");
    JsonNode installed = json.readTree(settings.toFile());
    assertThat(installed.get("model").asText()).isEqualTo("opus");
    assertThat(installed.at("/permissions/allow/0").asText()).isEqualTo("Bash(npm test)");
    assertThat(installed.at("/hooks/PostToolUse/0/hooks/0/command").asText()).isEqualTo("prettier --write");
    assertThat(installed.at("/hooks/PostToolUse/1/matcher").asText()).isEqualTo("*");
    assertThat(installed.at("/hooks/PostToolUse/1/hooks/0/command").asText()).endsWith("/bin/memory-daemon hook");
    for (String event : List.of("SessionStart", "UserPromptSubmit", "Stop", "SubagentStart", "SubagentStop", "PreCompact",
        "SessionEnd", "PostToolUseFailure")) {
      assertThat(installed.at("/hooks/" + event + "/0/hooks/0/command").asText()).as(event).endsWith("memory-daemon hook");
    }
    // and the hook command it wrote works
    assertThat(daemon.run("hooks", "status").out()).contains(tmp.resolve("home") + "/.claude/settings.json: installed for PostToolUse, SessionStart");

    // when
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall");

    // then
    assertThat(uninstall.exitCode()).isZero();
    assertThat(json.readTree(settings.toFile())).isEqualTo(json.readTree(original));
  }

  @Test
  void shouldImportATranscriptOnce_evenWhenImportedTwice() throws Exception {
    // given
    int port = daemon.start();
    Path transcript = FIXTURES.resolve("transcript.jsonl");

    // when
    DaemonProcess.Result dryRun = daemon.run("admin", "import", "claude", "--path", transcript.toString(), "--dry-run");
    DaemonProcess.Result first = daemon.run("admin", "import", "claude", "--path", transcript.toString());
    DaemonProcess.Result second = daemon.run("admin", "import", "claude", "--path", transcript.toString());

    // then
    assertThat(dryRun.out()).contains("DRY RUN - would import", "from 1 file");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).containsPattern("Imported (\\d+) events from 1 file: \\1 new, 0 already stored, 0 rejected");
    assertThat(first.out()).contains("1 malformed lines");
    assertThat(second.out()).containsPattern("Imported (\\d+) events from 1 file: 0 new, \\1 already stored");
    List<Event> events = allEvents(port);
    assertThat(events).isNotEmpty();
    assertThat(events).extracting(Event::getText).doesNotHaveDuplicates();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.getText()).startsWith("Invoices for Austrian customers show 0% VAT");
      assertThat(e.getTimestampMs()).isEqualTo(Instant.parse("2026-10-12T14:02:11.004Z").toEpochMilli());
      assertThat(e.getMetadataMap()).containsEntry("git_branch", "fix/vat");
    });
    assertThat(events).anySatisfy(e -> assertThat(e.getText()).startsWith("Tool call Bash: mvn -q test"));
    assertThat(events).anySatisfy(e -> assertThat(e.getEventType()).isEqualTo(EventType.EVENT_TYPE_TOOL_RESULT));
    assertThat(events).noneSatisfy(e -> assertThat(e.getText()).contains("Start with the tax tests")); // thinking
  }

  @Test
  void shouldImportOnlyWhatTheHookMissed_afterLiveCapture() throws Exception {
    // given: a turn the hook captured live (a prompt, a tool call, the answer)...
    int port = daemon.start();
    String session = "5e1f0c2a-77d1-4b6e-9f00-4c3b2a1d0e9f";
    Path cwd = Files.createDirectories(tmp.resolve("refunds"));
    String base = "{\"session_id\":\"" + session + "\",\"cwd\":\"" + cwd + "\",";
    for (String payload : List.of(
        base + "\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"Why do refunds round down?\"}",
        base + "\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_use_id\":\"toolu_R1\","
            + "\"tool_input\":{\"command\":\"grep -rn floor src\"},\"tool_response\":{\"stdout\":\"src/refund.rs:12: floor(x)\"}}",
        base + "\"hook_event_name\":\"Stop\",\"last_assistant_message\":\"Refunds used floor(); now round-half-even.\"}")) {
      Path file = Files.createTempFile(tmp, "payload", ".json");
      Files.writeString(file, payload);
      assertThat(hook(file).exitCode()).isZero();
    }
    assertThat(awaitEvents(port, 3)).hasSize(3);
    // ...and the same turn in Claude Code's transcript, with one message the hook never sees
    long now = System.currentTimeMillis();
    String line = "{\"type\":\"%s\",\"sessionId\":\"" + session + "\",\"cwd\":\"" + cwd + "\",\"uuid\":\"%s\","
        + "\"timestamp\":\"%s\",\"message\":{\"role\":\"%s\",\"content\":%s}}\n";
    Path transcript = tmp.resolve(session + ".jsonl");
    Files.writeString(transcript, String.format(line, "user", "r1", Instant.ofEpochMilli(now - 40_000), "user",
        "\"Why do refunds round down?\"")
        + String.format(line, "assistant", "r2", Instant.ofEpochMilli(now - 30_000), "assistant",
            "[{\"type\":\"text\",\"text\":\"Let me look for floor().\"},{\"type\":\"tool_use\",\"id\":\"toolu_R1\","
                + "\"name\":\"Bash\",\"input\":{\"command\":\"grep -rn floor src\"}}]")
        + String.format(line, "user", "r3", Instant.ofEpochMilli(now - 20_000), "user",
            "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_R1\",\"content\":\"src/refund.rs:12: floor(x)\"}]")
        + String.format(line, "assistant", "r4", Instant.ofEpochMilli(now - 10_000), "assistant",
            "[{\"type\":\"text\",\"text\":\"Refunds used floor(); now round-half-even.\"}]"));

    // when
    DaemonProcess.Result imported = daemon.run("admin", "import", "claude", "--path", transcript.toString());

    // then: only the message the hook never saw is new
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("Imported 5 events from 1 file: 1 new, 0 already stored, 0 rejected.",
        "Left out 4 events the live hook had captured already.");
    assertThat(awaitEvents(port, 4)).extracting(Event::getText).containsExactlyInAnyOrder("Why do refunds round down?",
        "Tool Bash: grep -rn floor src\nsrc/refund.rs:12: floor(x)", "Refunds used floor(); now round-half-even.",
        "Let me look for floor().");
  }

  private Path prompt(String text, Path cwd) throws Exception {
    Path payload = Files.createTempFile(tmp, "prompt", ".json");
    Files.writeString(payload, "{\"session_id\":\"s-" + text.hashCode() + "\",\"cwd\":\"" + cwd
        + "\",\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"" + text + "\"}");
    return payload;
  }

  @Test
  void shouldNeverShowOneProjectsEventsToAnother() throws Exception {
    // given: a prompt in a subdirectory of a git checkout, one in a plain directory, one named by MEMORY_PROJECT
    int port = daemon.start();
    Path shop = Files.createDirectories(tmp.resolve("work/shop-api/.git")).getParent();
    Files.writeString(shop.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Path billing = Files.createDirectories(tmp.resolve("work/billing"));
    assertThat(hook(prompt("fix the discount rounding", Files.createDirectories(shop.resolve("src/main")))).exitCode()).isZero();
    assertThat(hook(prompt("add the VAT column", billing)).exitCode()).isZero();
    assertThat(hook(prompt("rename the bucket", billing), Map.of("MEMORY_PROJECT", "infra")).exitCode()).isZero();
    awaitEvents(port, 3);

    // when
    DaemonProcess.Result shopEvents = daemon.run("query", "events", "--project", "shop-api", "--json");
    DaemonProcess.Result billingEvents = daemon.run("query", "--project", "billing", "events");
    DaemonProcess.Result infraEvents = daemon.run("query", "events", "--project", "infra");
    DaemonProcess.Result unknown = daemon.run("query", "events", "--project", "shop");
    DaemonProcess.Result stats = daemon.run("admin", "stats", "--project", "billing", "--json");

    // then
    assertThat(shopEvents.out()).contains("fix the discount rounding", "\"git_branch\" : \"main\"")
        .doesNotContain("VAT", "bucket");
    assertThat(billingEvents.out()).contains("add the VAT column").doesNotContain("discount", "bucket");
    assertThat(infraEvents.out()).contains("rename the bucket").doesNotContain("discount", "VAT");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.err()).contains("No project named 'shop'", "billing, infra, shop-api");
    JsonNode billingStats = new ObjectMapper().readTree(stats.out());
    assertThat(billingStats.get("events").asLong()).isEqualTo(1);
    assertThat(billingStats.get("project").asText()).isEqualTo("billing");
    assertThat(billingStats.get("projects").toString()).isEqualTo("[\"billing\",\"infra\",\"shop-api\"]");
    assertThat(tmp.resolve("db/projects/shop-api/CURRENT")).exists();
  }
}
