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
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `memory-daemon hook --agent gemini|copilot|opencode`: each agent's payload dialect and quirks. */
class OtherAgentsHookTest {
  private static final Path FIXTURES = Path.of("src", "test", "resources");
  private static final long NOW = 1_767_225_600_000L;

  @TempDir Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Platform platform() {
    return new Platform(Platform.Os.LINUX, home, Map.of());
  }

  private Optional<Event> run(Agent agent, String fixture, String event) throws IOException {
    byte[] payload = Files.readString(FIXTURES.resolve(agent.tag()).resolve(fixture))
        .replace("{{events}}", FIXTURES.resolve("copilot").resolve("events.jsonl").toAbsolutePath().toString())
        .getBytes(StandardCharsets.UTF_8);
    Optional<Path> spooled = HookMain.run(new ByteArrayInputStream(payload), platform(), NOW, agent, event, out);
    return spooled.isPresent() ? Optional.of(Spool.read(spooled.get())) : Optional.empty();
  }

  private Event capture(Agent agent, String fixture, String event) throws IOException {
    Optional<Event> captured = run(agent, fixture, event);
    assertThat(captured).as(fixture).isPresent();
    assertThat(captured.get().agent()).isEqualTo(agent.tag());
    return captured.get();
  }

  @Test
  void gemini_shouldCapturePromptAnswerAndToolsWithTheirOwnTimes_andIgnoreStreamingChunks() throws IOException {
    Event prompt = capture(Agent.GEMINI, "before-agent.json", "");
    Event tool = capture(Agent.GEMINI, "after-tool.json", "");
    Event failed = capture(Agent.GEMINI, "after-tool-error.json", "");
    Event answer = capture(Agent.GEMINI, "after-agent.json", "");
    Event compress = capture(Agent.GEMINI, "pre-compress.json", "");
    Event end = capture(Agent.GEMINI, "session-end.json", "");

    assertThat(prompt.type()).isEqualTo(EventType.USER_MESSAGE.number());
    assertThat(prompt.text()).isEqualTo("Why is the spring tide prediction off by an hour in March?");
    assertThat(prompt.timestampMs()).isEqualTo(Instant.parse("2026-11-30T10:02:40.512Z").toEpochMilli());
    assertThat(prompt.sessionId()).isEqualTo("5d1c9a0e-3f2b-4e71-a8c4-92b7e0d1f6a3");
    assertThat(prompt.metadata()).containsEntry("project", "tide-tables");
    assertThat(tool.type()).isEqualTo(EventType.TOOL_RESULT.number());
    assertThat(tool.text()).startsWith("Tool run_shell_command: grep -rn ZoneOffset src/")
        .contains("src/predict.py:41: tz = ZoneOffset(hours=1)")
        .as("the wrapper Gemini CLI 0.61 puts around a shell's output for the model").doesNotContain("untrusted_context", "PGID");
    assertThat(capture(Agent.GEMINI, "after-tool-text.json", "").text())
        .as("llmContent as the model's text, as the real Gemini CLI 0.61 sends it")
        .contains("ledger export checked").doesNotContain("untrusted_context", "PGID", "Output:");
    assertThat(failed.text()).contains("Tool read_file failed").contains("File not found: src/missing.py");
    assertThat(answer.type()).isEqualTo(EventType.ASSISTANT_STOP.number());
    assertThat(answer.text()).startsWith("The predictor used a fixed UTC+1 offset");
    assertThat(compress.text()).contains("Context compacted").contains("auto");
    assertThat(end.type()).isEqualTo(EventType.SESSION_END.number());
    assertThat(run(Agent.GEMINI, "after-model-chunk.json", "")).as("AfterModel repeats per chunk").isEmpty();
    assertThat(run(Agent.GEMINI, "no-session.json", "")).isEmpty();
    assertThat(run(Agent.GEMINI, "truncated.json", "")).isEmpty();
    Event unknown = capture(Agent.GEMINI, "unknown-event.json", "");
    assertThat(unknown.type()).as("an event this hook does not know is kept").isEqualTo(EventType.UNSPECIFIED.number());
    assertThat(unknown.text()).startsWith("AfterPlanApproved: ").contains("switch to zone ids");
    assertThat(out.size()).as("Gemini parses stdout: nothing but its JSON").isZero();
  }

  @Test
  void gemini_shouldPrintTheProjectsMemoryAsOneJsonObject() throws IOException {
    Path memory = SessionContext.file(platform(), "tide-tables");
    Files.createDirectories(memory.getParent());
    Files.writeString(memory, "# Memory of project tide-tables\n- fixed the March offset\n");

    capture(Agent.GEMINI, "session-start.json", "");

    Map<String, Object> json = JsonTree.parseObject(out.toString(StandardCharsets.UTF_8));
    assertThat(json.get("hookSpecificOutput")).isInstanceOfSatisfying(Map.class,
        output -> assertThat(output.get("additionalContext")).isEqualTo("# Memory of project tide-tables\n- fixed the March offset\n"));
  }

  @Test
  void copilot_shouldMapCamelCasePayloadsNamedOnTheCommandLine() throws IOException {
    Event start = capture(Agent.COPILOT, "session-start.json", "sessionStart");
    Event prompt = capture(Agent.COPILOT, "user-prompt-submitted.json", "userPromptSubmitted");
    Event tool = capture(Agent.COPILOT, "post-tool-use.json", "postToolUse");
    Event failed = capture(Agent.COPILOT, "post-tool-use-failure.json", "postToolUseFailure");
    Event stop = capture(Agent.COPILOT, "agent-stop.json", "agentStop");
    Event end = capture(Agent.COPILOT, "session-end.json", "sessionEnd");

    assertThat(start.type()).isEqualTo(EventType.SESSION_START.number());
    assertThat(prompt.text()).isEqualTo("Add a --dry-run flag to the berth allocator command");
    assertThat(prompt.timestampMs()).as("Unix ms in the payload").isEqualTo(1_796_032_805_000L);
    assertThat(prompt.sessionId()).isEqualTo("c0p1-8f2e-4b7a-9d10-3e5a7c9b1d2f");
    assertThat(prompt.metadata()).containsEntry("project", "harbor-cli");
    assertThat(tool.text()).as("toolArgs was a JSON string").startsWith("Tool bash: grep -rn allocate src/commands\nfind the command")
        .contains("src/commands/berth.ts:12");
    assertThat(failed.text()).contains("Tool edit failed").contains("old_str not found");
    assertThat(stop.role()).isEqualTo(EventRole.ASSISTANT.number());
    assertThat(stop.text()).as("the reply, from the tail of events.jsonl")
        .isEqualTo("I added --dry-run to `berth allocate`: it prints the plan and writes nothing.");
    assertThat(end.type()).isEqualTo(EventType.SESSION_END.number());
    assertThat(run(Agent.COPILOT, "pre-tool-use.json", "preToolUse")).isEmpty();
    assertThat(run(Agent.COPILOT, "not-an-object.json", "sessionStart")).isEmpty();
    assertThat(run(Agent.COPILOT, "truncated.json", "userPromptSubmitted")).isEmpty();
    assertThat(Files.readString(platform().logDir().resolve("hook.log"))).as("why, in the hook's log")
        .contains("Expected a JSON object");
    assertThat(out.size()).isZero();
  }

  @Test
  void copilot_shouldCaptureOneStartPerSession_stripAnsiCodes_andKeepAMadeUpSessionPerDirectory() throws IOException {
    capture(Agent.COPILOT, "session-start.json", "sessionStart");
    assertThat(run(Agent.COPILOT, "session-start-again.json", "sessionStart")).as("fired again before the next prompt").isEmpty();

    Event ansi = capture(Agent.COPILOT, "prompt-ansi.json", "userPromptSubmitted");
    assertThat(ansi.text()).isEqualTo("Now write the test for \"berth --dry-run\"");

    Event first = capture(Agent.COPILOT, "prompt-no-session.json", "userPromptSubmitted");
    Event second = capture(Agent.COPILOT, "user-prompt-submitted.json", "userPromptSubmitted");
    assertThat(first.sessionId()).startsWith("copilot-");
    assertThat(capture(Agent.COPILOT, "prompt-no-session.json", "userPromptSubmitted").sessionId())
        .as("the same directory keeps its made-up session").isEqualTo(first.sessionId());
    assertThat(second.sessionId()).isEqualTo("c0p1-8f2e-4b7a-9d10-3e5a7c9b1d2f");
  }

  @Test
  void copilot_shouldForgetTheStateOfSessionsThatNeverEnded_whenANewOneStarts() throws IOException {
    // given: a made-up session of a directory, left by a session a crash ended ten days ago
    Path state = platform().dataDir().resolve("hook-state/copilot");
    capture(Agent.COPILOT, "prompt-no-session.json", "userPromptSubmitted");
    try (var files = Files.list(state)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 10 * 86_400_000L));
      }
    }
    String old = capture(Agent.COPILOT, "prompt-no-session.json", "userPromptSubmitted").sessionId();

    // when: a session starts
    capture(Agent.COPILOT, "session-start.json", "sessionStart");

    // then: the stale state is gone, so that directory's next prompt begins a session of its own
    assertThat(capture(Agent.COPILOT, "prompt-no-session.json", "userPromptSubmitted").sessionId()).isNotEqualTo(old);
  }

  @Test
  void copilot_shouldReadTheSnakeCaseDialect() throws IOException {
    Event prompt = capture(Agent.COPILOT, "user-prompt-submit-pascal.json", "");
    Event tool = capture(Agent.COPILOT, "post-tool-use-pascal.json", "");

    assertThat(prompt.text()).isEqualTo("Explain the berth allocator");
    assertThat(prompt.timestampMs()).isEqualTo(Instant.parse("2026-11-30T10:02:00Z").toEpochMilli());
    assertThat(tool.text()).startsWith("Tool view: ").contains("export function allocate(berths, ships)");
  }

  @Test
  void opencode_shouldFindTheSessionWhereverTheEventKeepsIt() throws IOException {
    Event start = capture(Agent.OPENCODE, "session-created.json", "");
    Event prompt = capture(Agent.OPENCODE, "chat-message.json", "");
    Event tool = capture(Agent.OPENCODE, "tool-execute-after.json", "");
    Event answer = capture(Agent.OPENCODE, "message-completed.json", "");
    Event compacted = capture(Agent.OPENCODE, "session-compacted.json", "");
    Event end = capture(Agent.OPENCODE, "session-deleted.json", "");

    for (Event event : new Event[] {start, prompt, tool, answer, compacted, end}) {
      assertThat(event.sessionId()).isEqualTo("ses_4f2a9c1d7e3bXk");
      assertThat(event.metadata()).containsEntry("project", "kiln-scheduler");
    }
    assertThat(start.type()).isEqualTo(EventType.SESSION_START.number());
    assertThat(prompt.text()).as("text parts only, no synthetic ones")
        .isEqualTo("The kiln firing queue starves low-priority jobs; make it fair.");
    assertThat(prompt.timestampMs()).isEqualTo(1_796_036_410_000L);
    assertThat(tool.text()).startsWith("Tool bash: go test ./queue/...").contains("job 7 waited 41 rounds");
    assertThat(tool.metadata()).containsEntry("tool_use_id", "call_7Qx");
    assertThat(answer.text()).isEqualTo("I replaced the strict priority pop with weighted round robin; TestFairness passes.");
    assertThat(end.type()).isEqualTo(EventType.SESSION_END.number());
    assertThat(run(Agent.OPENCODE, "session-error-no-session.json", "")).as("no session anywhere").isEmpty();
    Event unknown = capture(Agent.OPENCODE, "unknown-event.json", "");
    assertThat(unknown.type()).isEqualTo(EventType.UNSPECIFIED.number());
    assertThat(unknown.text()).startsWith("file.edited: ");
    assertThat(unknown.sessionId()).isEqualTo("ses_4f2a9c1d7e3bXk");
  }
}
