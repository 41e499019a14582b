package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookEventsTest {
  private static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "claude-code");
  private static final long NOW = 1_767_225_600_000L;

  @TempDir Path home;

  private Platform platform() {
    return new Platform(Platform.Os.LINUX, home, Map.of());
  }

  private Optional<SpoolEvent> hook(byte[] payload) throws IOException {
    Optional<Path> file = HookMain.run(new ByteArrayInputStream(payload), platform(), NOW);
    return file.isEmpty() ? Optional.empty() : Optional.of(Spool.read(file.get()));
  }

  private Optional<SpoolEvent> fixture(String name) throws IOException {
    return hook(Files.readAllBytes(FIXTURES.resolve(name)));
  }

  private static String json(String hookEventName, String extra) {
    return "{\"session_id\":\"s1\",\"cwd\":\"/tmp\",\"hook_event_name\":\"" + hookEventName + "\"" + extra + "}";
  }

  @Test
  void shouldMapEveryKindOfEvent() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "fixtures not found");
    SpoolEvent prompt = fixture("user-prompt-submit.json").orElseThrow();
    assertThat(prompt.type()).isEqualTo(Wire.TYPE_USER_MESSAGE);
    assertThat(prompt.role()).isEqualTo(Wire.ROLE_USER);
    assertThat(prompt.text()).startsWith("The checkout endpoint returns 500");
    assertThat(prompt.sessionId()).isEqualTo("5f0c2d7e-3b1a-4c55-9e8d-0a1b2c3d4e5f");
    assertThat(prompt.timestampMs()).isEqualTo(NOW);
    assertThat(prompt.agent()).isEqualTo("claude");
    assertThat(prompt.metadata()).containsEntry("cwd", "/home/dev/shop-api").containsEntry("project", "shop-api")
        .containsKey("transcript_path");

    SpoolEvent bash = fixture("post-tool-use-bash.json").orElseThrow();
    assertThat(bash.type()).isEqualTo(Wire.TYPE_TOOL_RESULT);
    assertThat(bash.role()).isEqualTo(Wire.ROLE_TOOL);
    assertThat(bash.text()).startsWith("Tool Bash: ./gradlew test --tests CheckoutServiceTest")
        .contains("Non-terminating decimal expansion");
    assertThat(bash.metadata()).containsEntry("tool_name", "Bash").containsEntry("tool_use_id", "toolu_01A");

    SpoolEvent edit = fixture("post-tool-use-edit.json").orElseThrow();
    assertThat(edit.text()).contains("CheckoutService.java", "- price.divide(BigDecimal.valueOf(100))",
        "+ Math.floorDiv(priceCents * (100 - percent), 100)");
    assertThat(edit.metadata()).containsEntry("file_path", "/home/dev/shop-api/src/main/java/shop/CheckoutService.java");

    assertThat(fixture("post-tool-use-failure.json").orElseThrow().text())
        .startsWith("Tool Bash failed: psql -c 'select 1'").contains("Error: Command failed with exit code 127");
    SpoolEvent stop = fixture("stop.json").orElseThrow();
    assertThat(stop.type()).isEqualTo(Wire.TYPE_ASSISTANT_STOP);
    assertThat(stop.text()).startsWith("The 500 came from BigDecimal.divide");
    assertThat(fixture("session-start.json").orElseThrow())
        .satisfies(e -> assertThat(e.type()).isEqualTo(Wire.TYPE_SESSION_START))
        .satisfies(e -> assertThat(e.text()).contains("startup", "claude-sonnet-4-5"));
    assertThat(fixture("session-end.json").orElseThrow().type()).isEqualTo(Wire.TYPE_SESSION_END);
    assertThat(fixture("subagent-start.json").orElseThrow().type()).isEqualTo(Wire.TYPE_SUBAGENT_START);
    SpoolEvent subagentStop = fixture("subagent-stop.json").orElseThrow();
    assertThat(subagentStop.type()).isEqualTo(Wire.TYPE_SUBAGENT_STOP);
    assertThat(subagentStop.text()).startsWith("Prices are BigDecimal");
    assertThat(subagentStop.metadata()).containsEntry("agent_type", "Explore").containsEntry("agent_id", "a1b2c3");
    assertThat(fixture("pre-compact.json").orElseThrow().text()).contains("Context compacted", "auto");
    SpoolEvent unknown = fixture("unknown-event.json").orElseThrow();
    assertThat(unknown.text()).startsWith("TeammateIdle: ").contains("reviewer");
    assertThat(unknown.metadata()).containsEntry("hook_event_name", "TeammateIdle");
  }

  @Test
  void shouldStoreNothing_forEmptyOrTruncatedInput_andKeepInvalidUtf8() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "fixtures not found");
    assertThat(fixture("empty.json")).isEmpty();
    assertThat(fixture("truncated.json")).isEmpty();
    assertThat(hook(json("UserPromptSubmit", ",\"prompt\":\"x\"").replace("\"session_id\":\"s1\",", "").getBytes()))
        .isEmpty();
    assertThat(fixture("invalid-utf8.json").orElseThrow().text()).startsWith("caf\uFFFD");
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
    SpoolEvent event = hook(json("PostToolUse", ",\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/x\"},"
        + "\"tool_response\":{\"file\":{\"content\":\"" + big + "\"}}").getBytes()).orElseThrow();

    assertThat(event.text().length()).isLessThan(HookEvents.DEFAULT_TOOL_CHARS + 200);
    assertThat(event.text()).endsWith("[... cut: " + (5_000_000 - HookEvents.DEFAULT_TOOL_CHARS) + " more characters]");
  }

  @Test
  void shouldTakeTheLastAnswerFromTheTranscript_whenStopDoesNotCarryIt() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "fixtures not found");
    Path transcript = FIXTURES.resolve("transcript.jsonl").toAbsolutePath();

    SpoolEvent stop = hook(json("Stop", ",\"transcript_path\":\"" + transcript + "\"").getBytes()).orElseThrow();

    // the transcript ends with a broken line, which is skipped
    assertThat(stop.text()).isEqualTo("InvoiceRenderer skips taxLines when country is not set on the customer; "
        + "EU customers created before March have no country.");
  }

  @Test
  void shouldRoundTripSpooledEvents() throws IOException {
    SpoolEvent event = new SpoolEvent("01KDV92TG0K4C5ME89BN0S41AA", "s", 42, 4, 4, "text \"quoted\" ü 😀",
        Map.of("k", "v"), "claude");
    Spool spool = new Spool(home.resolve("spool"));

    Path file = spool.write(event);

    assertThat(file.getFileName().toString()).isEqualTo("0000000000042-01KDV92TG0K4C5ME89BN0S41AA.json");
    assertThat(Spool.read(file)).isEqualTo(event);
    assertThat(spool.pending()).containsExactly(file);
  }
}
