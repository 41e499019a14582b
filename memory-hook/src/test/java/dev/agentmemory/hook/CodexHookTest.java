package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `memory-daemon hook --agent codex`: Codex CLI's lifecycle-hook payloads. */
class CodexHookTest {
  private static final Path FIXTURES = Path.of("src", "test", "resources", "codex");
  private static final long NOW = 1_767_225_600_000L;

  @TempDir Path home;

  private Platform platform() {
    return new Platform(Platform.Os.LINUX, home, Map.of());
  }

  private Event capture(String fixture, ByteArrayOutputStream out) throws IOException {
    Optional<Path> spooled = HookMain.run(new ByteArrayInputStream(Files.readAllBytes(FIXTURES.resolve(fixture))), platform(),
        NOW, Agent.CODEX, out);
    assertThat(spooled).as(fixture).isPresent();
    return Spool.read(spooled.get());
  }

  @Test
  void shouldTagEveryEventCodex_andMapItLikeClaudeCodesShape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Event prompt = capture("user-prompt-submit.json", out);
    Event shell = capture("post-tool-use-shell.json", out);
    Event patch = capture("post-tool-use-apply-patch.json", out);
    Event stop = capture("stop.json", out);
    Event silent = capture("stop-without-message.json", out);
    Event end = capture("session-end.json", out);

    assertThat(prompt.agent()).isEqualTo("codex");
    assertThat(prompt.role()).isEqualTo(EventRole.USER.number());
    assertThat(prompt.text()).isEqualTo("Why does the ledger export drop quarantined entries?");
    assertThat(prompt.timestampMs()).as("no timestamp in Codex payloads: the arrival").isEqualTo(NOW);
    assertThat(prompt.metadata()).containsEntry("project", "ledger-api").containsEntry("cwd", "/home/dev/ledger-api");
    assertThat(shell.text()).startsWith("Tool Bash: cargo test ledger::export").contains("keeps_quarantined ... FAILED");
    assertThat(patch.text()).startsWith("Tool apply_patch: ").contains("*** Update File: src/export.rs");
    assertThat(stop.role()).isEqualTo(EventRole.ASSISTANT.number());
    assertThat(stop.text()).startsWith("The exporter filtered quarantined rows");
    assertThat(silent.type()).isEqualTo(EventType.ASSISTANT_STOP.number());
    assertThat(end.type()).isEqualTo(EventType.SESSION_END.number());
    assertThat(out.size()).as("nothing printed for these events").isZero();
    assertThat(capture("user-prompt-submit.json", out).eventId()).as("the same payload twice: one id").isEqualTo(prompt.eventId());
  }

  @Test
  void shouldHandTheProjectsMemoryBackAsAdditionalContextJson() throws IOException {
    // given
    Path memory = SessionContext.file(platform(), "ledger-api");
    Files.createDirectories(memory.getParent());
    Files.writeString(memory, "# Memory of project ledger-api\n- fixed the \"quarantine\" filter\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    capture("session-start.json", out);

    // then: JSON, the memory under hookSpecificOutput.additionalContext
    String printed = out.toString(StandardCharsets.UTF_8);
    String expected = Files.readString(memory);
    Map<String, Object> json = JsonTree.parseObject(printed);
    assertThat(json.get("hookSpecificOutput")).isInstanceOfSatisfying(Map.class, output -> {
      assertThat(output.get("hookEventName")).isEqualTo("SessionStart");
      assertThat(output.get("additionalContext")).isEqualTo(expected);
    });
  }

  @Test
  void shouldTakeTheLegacyNotifyArgument_asThePromptAndTheAnswerOfTheTurn() throws IOException {
    String json = Files.readString(FIXTURES.resolve("notify.json"));

    List<Path> spooled = HookMain.runNotify(json, platform(), NOW);

    assertThat(spooled).hasSize(2);
    Event prompt = Spool.read(spooled.get(0));
    Event answer = Spool.read(spooled.get(1));
    assertThat(prompt.role()).isEqualTo(EventRole.USER.number());
    assertThat(prompt.text()).isEqualTo("Rename LedgerExport::filter to keep_visible");
    assertThat(prompt.sessionId()).isEqualTo("0199c3a4-7b2e-7f10-9c3d-5e8f1a2b4c6d");
    assertThat(prompt.metadata()).containsEntry("project", "ledger-api");
    assertThat(answer.type()).isEqualTo(EventType.ASSISTANT_STOP.number());
    assertThat(answer.text()).isEqualTo("Renamed it in src/export.rs and its two callers; tests pass.");
    assertThat(prompt.timestampMs()).isLessThan(answer.timestampMs());
    assertThat(HookMain.runNotify(json, platform(), NOW)).as("delivered twice: the same files").isEqualTo(spooled);
    assertThat(HookMain.runNotify("{\"type\":\"other\"}", platform(), NOW)).isEmpty();
  }
}
