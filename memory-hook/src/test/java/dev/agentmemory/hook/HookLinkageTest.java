package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hook's own code links no invokedynamic call site (lambda, method reference, indy string
 * concatenation) on the path of Claude Code's events: the first one a JVM links costs a few
 * milliseconds of method-handle set-up, in a process that runs once per prompt and tool call
 * (docs/benchmarks.md#hook). A structural check, not a timing: the JVM's linkage trace of a real
 * hook process names every call site it links.
 */
class HookLinkageTest {
  private static final Path CLAUDE = HookEventsTest.FIXTURES;
  private static final Path GEMINI = Path.of("src", "test", "resources", "gemini");

  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(strings = {"session-start.json", "user-prompt-submit.json", "post-tool-use-bash.json", "stop.json"})
  void shouldLinkNoCallSiteOfItsOwn_onAClaudeCodeEvent(String fixture) throws Exception {
    // when
    String trace = traceOf(CLAUDE.resolve(fixture));

    // then
    assertThat(spooled()).as("the hook ran and captured the event").hasSize(1);
    assertThat(trace.lines().filter(line -> line.startsWith("linkCallSite dev.agentmemory"))).isEmpty();
  }

  @Test
  void shouldShowLinkedCallSites_inTheTrace_soTheCheckAboveCanFail() throws Exception {
    // given: a prompt holding a token, which the redactor's regular expression finds; the JDK's
    // regular expressions link lambdas of their own
    Path payload = home.resolve("prompt.json");
    Files.writeString(payload, "{\"session_id\":\"s\",\"hook_event_name\":\"UserPromptSubmit\",\"cwd\":\"/tmp\","
        + "\"prompt\":\"curl -H 'Authorization: Bearer Qz81ghTokenValue77' https://api.example.com\"}");

    // when
    String trace = traceOf(payload);

    // then
    assertThat(trace).contains("linkCallSite java.util.regex");
  }

  @Test
  void shouldLinkNoCallSiteOfItsOwn_onAGeminiShellResult() throws Exception {
    // when: an ISO timestamp and the shell output's wrapper, both read by hand
    String trace = traceOf(GEMINI.resolve("after-tool.json"), "--agent", "gemini");

    // then
    assertThat(spooled()).hasSize(1);
    assertThat(trace.lines().filter(line -> line.startsWith("linkCallSite"))).isEmpty();
  }

  private String traceOf(Path payload, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true", "-cp", System.getProperty("java.class.path"),
        HookMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(payload.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("XDG_") || name.startsWith("MEMORY_"));
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    String trace = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(trace).isZero();
    return trace;
  }

  private List<Path> spooled() throws IOException {
    Path spool = home.resolve(".local/share/agent-memory/spool");
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(file -> file.toString().endsWith(".json")).toList();
    }
  }
}
