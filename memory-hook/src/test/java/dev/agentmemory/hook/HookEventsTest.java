package dev.agentmemory.hook;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class HookEventsTest {
  /** Hook payloads written for these tests from the Claude Code hook spec (claude-code.md); they are in this repository. */
  static final Path FIXTURES = Path.of("src", "test", "resources", "claude-code");
  private static final String SESSION = "9b2e4f60-7c1d-4e8a-b3f5-2d6c8a0e1f47";
  private static final long NOW = 1_767_225_600_000L;

  @TempDir Path home;

  private Platform platform() {
    return new Platform(Platform.Os.LINUX, home, Map.of());
  }

  private Optional<Event> hook(byte[] payload) throws IOException {
    Optional<Path> file = HookMain.run(new ByteArrayInputStream(payload), platform(), NOW);
    return file.isEmpty() ? Optional.empty() : Optional.of(Spool.read(file.get()));
  }

  private Optional<Event> fixture(String name) throws IOException {
    // readAllBytes fails when the fixture is missing: a missing input is a failure, never a skip
    return hook(Files.readAllBytes(FIXTURES.resolve(name)));
  }

  private static String json(String hookEventName, String extra) {
    return "{\"session_id\":\"s1\",\"cwd\":\"/tmp\",\"hook_event_name\":\"" + hookEventName + "\"" + extra + "}";
  }

  @Test
  void shouldMapEveryKindOfEvent() throws IOException {
    Event prompt = fixture("user-prompt-submit.json").orElseThrow();
    assertThat(prompt.type()).isEqualTo(EventType.USER_MESSAGE.number());
    assertThat(prompt.role()).isEqualTo(EventRole.USER.number());
    assertThat(prompt.text()).startsWith("Invoices for Austrian customers show 0% VAT");
    assertThat(prompt.sessionId()).isEqualTo(SESSION);
    assertThat(prompt.timestampMs()).isEqualTo(NOW);
    assertThat(prompt.agent()).isEqualTo("claude");
    assertThat(prompt.metadata()).containsEntry("cwd", "/home/dev/billing-svc").containsEntry("project", "billing-svc")
        .containsKey("transcript_path");
    assertThat(fixture("pretty-printed.json").orElseThrow().text())
        .isEqualTo("Also check credit notes: do they take the same VAT path?");

    Event bash = fixture("post-tool-use-bash.json").orElseThrow();
    assertThat(bash.type()).isEqualTo(EventType.TOOL_RESULT.number());
    assertThat(bash.role()).isEqualTo(EventRole.TOOL.number());
    assertThat(bash.text()).startsWith("Tool Bash: mvn -q test -Dtest=InvoiceTaxTest").contains("expected: 20.00 but was: 0.00");
    assertThat(bash.metadata()).containsEntry("tool_name", "Bash").containsEntry("tool_use_id", "toolu_07A");

    Event edit = fixture("post-tool-use-edit.json").orElseThrow();
    assertThat(edit.text()).contains("TaxCalculator.java", "- rates.get(customer.countryCode())",
        "+ rates.get(customer.countryCode().toUpperCase(Locale.ROOT))");
    assertThat(edit.metadata()).containsEntry("file_path", "/home/dev/billing-svc/src/main/java/billing/TaxCalculator.java");
    assertThat(fixture("pre-tool-use.json").orElseThrow().text()).startsWith("PreToolUse: ").contains("vatRate");

    assertThat(fixture("post-tool-use-failure.json").orElseThrow().text())
        .startsWith("Tool Bash failed: flyway migrate").contains("Error: Command failed with exit code 127");
    Event stop = fixture("stop.json").orElseThrow();
    assertThat(stop.type()).isEqualTo(EventType.ASSISTANT_STOP.number());
    assertThat(stop.role()).isEqualTo(EventRole.ASSISTANT.number());
    assertThat(stop.text()).startsWith("The 0% VAT came from a lower-case country code");
    assertThat(fixture("session-start.json").orElseThrow())
        .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.SESSION_START.number()))
        .satisfies(e -> assertThat(e.text()).contains("startup", "claude-opus-4-1"));
    assertThat(fixture("session-end.json").orElseThrow())
        .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.SESSION_END.number()))
        .satisfies(e -> assertThat(e.text()).contains("logout"));
    assertThat(fixture("subagent-start.json").orElseThrow().type()).isEqualTo(EventType.SUBAGENT_START.number());
    Event subagentStop = fixture("subagent-stop.json").orElseThrow();
    assertThat(subagentStop.type()).isEqualTo(EventType.SUBAGENT_STOP.number());
    assertThat(subagentStop.text()).startsWith("Country codes are upper-case everywhere except CrmImporter");
    assertThat(subagentStop.metadata()).containsEntry("agent_type", "Explore").containsEntry("agent_id", "e5f6a7");
    assertThat(fixture("pre-compact.json").orElseThrow().text()).contains("Context compacted", "manual",
        "keep the tax discussion");
    assertThat(fixture("post-compact.json").orElseThrow().text()).contains("Context compacted", "manual");
    assertThat(fixture("notification.json").orElseThrow().text())
        .isEqualTo("title: Permission needed, message: Claude needs your permission to use Bash");
    Event unknown = fixture("unknown-event.json").orElseThrow();
    assertThat(unknown.text()).startsWith("WorktreeCreated: ").contains("fix/vat");
    assertThat(unknown.metadata()).containsEntry("hook_event_name", "WorktreeCreated");
  }

  @Test
  void shouldStoreNothing_forEmptyTruncatedOrSessionlessInput_andKeepInvalidUtf8() throws IOException {
    for (String malformed : List.of("empty.json", "truncated.json", "not-an-object.json", "no-session.json")) {
      assertThat(fixture(malformed)).as(malformed).isEmpty();
    }
    assertThat(fixture("invalid-utf8.json").orElseThrow().text()).isEqualTo("na\uFFFDve \uFFFD\uFFFD bytes");
    assertThat(new Spool(platform().spoolDir()).pending()).hasSize(1);
  }

  @Test
  void shouldGiveTheSamePayloadTheSameId() throws IOException {
    byte[] payload = json("UserPromptSubmit", ",\"prompt\":\"fix it\"").getBytes();
    String first = hook(payload).orElseThrow().eventId();
    String again = hook(payload).orElseThrow().eventId();
    String other = hook(json("UserPromptSubmit", ",\"prompt\":\"fix that\"").getBytes()).orElseThrow().eventId();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
  }

  @Test
  void shouldCutHugeToolResponsesWithAMarker() throws IOException {
    String big = "y".repeat(5_000_000);
    Event event = hook(json("PostToolUse", ",\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/x\"},"
        + "\"tool_response\":{\"file\":{\"content\":\"" + big + "\"}}").getBytes()).orElseThrow();

    assertThat(event.text().length()).isLessThan(HookEvents.DEFAULT_TOOL_CHARS + 200);
    assertThat(event.text()).endsWith("[... cut: " + (5_000_000 - HookEvents.DEFAULT_TOOL_CHARS) + " more characters]");
  }

  @Test
  void shouldTakeTheLastAnswerFromTheTranscript_whenStopDoesNotCarryIt() throws IOException {
    Path transcript = FIXTURES.resolve("transcript.jsonl").toAbsolutePath();
    assertThat(transcript).exists();

    Event stop = hook(json("Stop", ",\"transcript_path\":\"" + transcript + "\"").getBytes()).orElseThrow();

    // the transcript ends with a broken line, which is skipped
    assertThat(stop.text()).isEqualTo("TaxCalculator upper-cases the country code before the lookup;\n"
        + "imported Austrian customers get 20% again.");
  }

  @Test
  void shouldRoundTripSpooledEvents() throws IOException {
    Event event = new Event("01KDV92TG0K4C5ME89BN0S41AA", "s", 42, 4, 4, "text \"quoted\" ü 😀",
        Map.of("k", "v"), "claude");
    Spool spool = new Spool(home.resolve("spool"));

    Path file = spool.write(event);

    assertThat(file.getFileName().toString()).isEqualTo("0000000000042-01KDV92TG0K4C5ME89BN0S41AA.json");
    assertThat(Spool.read(file)).isEqualTo(event);
    assertThat(spool.pending()).containsExactly(file);
  }
}
