package dev.agentmemory.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hook writes to disk: private, redacted, cut to size, and nothing of a private session. */
class CapturePrivacyTest {
  private static final long NOW = 1_767_225_600_000L;

  @TempDir Path home;

  private Optional<Path> hook(Platform platform, String session, String prompt) {
    String payload = JsonTree.write(Map.of("session_id", session, "cwd", home.toString(),
        "hook_event_name", "UserPromptSubmit", "prompt", prompt));
    return HookMain.run(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), platform, NOW);
  }

  private Platform platform(Map<String, String> env) {
    return new Platform(Platform.Os.LINUX, home, env);
  }

  @Test
  void shouldCutAHugePromptToTheEventLimit_insteadOfLosingIt() throws IOException {
    // given: a 50 MB prompt (above the JSON parser's default string limit of 20 million characters)
    String prompt = "x".repeat(50 * 1024 * 1024);

    // when
    Path spooled = hook(platform(Map.of()), "s1", prompt).orElseThrow();

    // then
    Event event = Spool.read(spooled);
    assertThat(event.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024 * 1024);
    assertThat(event.text()).startsWith("xxxx").contains("[... cut: ");
  }

  @Test
  void shouldFollowTheSettingsTheDaemonWrote() throws IOException {
    // given
    new HookSettings(4096, true, List.of("acme_[0-9]{6}"), List.of()).write(platform(Map.of()));

    // when
    Event event = Spool.read(hook(platform(Map.of()), "s1", "key acme_123456 " + "y".repeat(10_000)).orElseThrow());

    // then
    assertThat(event.text()).startsWith("key [REDACTED:custom] ");
    assertThat(event.text().length()).isLessThanOrEqualTo(4096);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(HookSettings.file(platform(Map.of())))))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldKeepAPrivateSessionOutOfMemory_andAskTheDaemonToForgetIt() throws IOException {
    Platform platform = platform(Map.of());
    Spool spool = new Spool(platform.spoolDir());
    assertThat(hook(platform, "secret-plans", "first prompt")).isPresent();

    // when
    Optional<Path> marked = hook(platform, "secret-plans", "from here on <private-session> please");
    Optional<Path> later = hook(platform, "secret-plans", "what about the merger");
    Optional<Path> other = hook(platform, "ordinary", "fix the build");

    // then
    assertThat(marked).isEmpty();
    assertThat(later).isEmpty();
    assertThat(other).isPresent();
    assertThat(spool.forgetRequests()).hasSize(1);
    assertThat(Files.readString(spool.forgetRequests().get(0))).contains("\"session_id\":\"secret-plans\"");
    assertThat(spool.readAll()).extracting(Event::text).containsExactlyInAnyOrder("first prompt", "fix the build");
  }

  @Test
  void shouldCaptureNothing_whenTheAgentRunsWithCaptureOff() {
    assertThat(hook(platform(Map.of("MEMORY_CAPTURE", "off")), "s1", "hello")).isEmpty();
  }

  @Test
  void shouldWriteSpoolFilesForTheUserOnly() throws IOException {
    Path spooled = hook(platform(Map.of()), "s1", "hello").orElseThrow();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spooled))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spooled.getParent()))).isEqualTo("rwx------");
  }
}
