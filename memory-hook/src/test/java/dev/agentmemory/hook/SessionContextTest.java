package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionContextTest {
  private static final long NOW = 1_767_225_600_000L;
  private static final String MEMORY = "# Memory of project billing-svc (agent-memory)\n- Tue: fixed the VAT rounding\n";

  @TempDir Path home;

  private Platform platform(Map<String, String> env) {
    return new Platform(Platform.Os.LINUX, home, env);
  }

  private String run(Path fixture, Map<String, String> env, boolean context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Optional<Path> spooled = HookMain.run(new ByteArrayInputStream(Files.readAllBytes(fixture)), platform(env), NOW,
        Agent.CLAUDE, context ? out : null);
    assertThat(spooled).as("the event is captured whatever is printed").isPresent();
    return out.toString(StandardCharsets.UTF_8);
  }

  private void memoryOf(String project, String text) throws IOException {
    Path file = SessionContext.file(platform(Map.of()), project);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void shouldPrintTheProjectsMemory_onSessionStartOnly() throws IOException {
    // given: memory of the fixtures' project (the git root of /home/dev/billing-svc is not there: its name)
    memoryOf("billing-svc", MEMORY);

    // when
    String start = run(HookEventsTest.FIXTURES.resolve("session-start.json"), Map.of(), true);
    String prompt = run(HookEventsTest.FIXTURES.resolve("user-prompt-submit.json"), Map.of(), true);
    String off = run(HookEventsTest.FIXTURES.resolve("session-start.json"), Map.of(), false);

    // then
    assertThat(start).isEqualTo(MEMORY);
    assertThat(prompt).isEmpty();
    assertThat(off).isEmpty();
  }

  @Test
  void shouldPrintNothing_forAProjectWithoutMemory_orAnotherProjectsMemory() throws IOException {
    // given
    memoryOf("other-project", MEMORY);

    // when
    String fresh = run(HookEventsTest.FIXTURES.resolve("session-start.json"), Map.of(), true);
    String named = run(HookEventsTest.FIXTURES.resolve("session-start.json"), Map.of("MEMORY_PROJECT", "other-project"), true);

    // then
    assertThat(fresh).isEmpty();
    assertThat(named).as("MEMORY_PROJECT names the project, as for capture").isEqualTo(MEMORY);
  }

  @Test
  void shouldKeepProjectFileNamesInsideTheContextDirectory() {
    Platform platform = platform(Map.of());

    assertThat(SessionContext.file(platform, "../../etc/passwd").getParent()).isEqualTo(SessionContext.dir(platform));
    assertThat(SessionContext.file(platform, "shop api").getFileName().toString()).matches("shop_api-[0-9a-f]{8}\\.md");
  }
}
