package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memory-daemon doctor} finds what breaks the memory and says how to fix each. */
class DoctorIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
  }

  @AfterEach
  void stop() {
    daemon.stopQuietly();
  }

  @Test
  void shouldNameEachProblemWithItsFix_andPassOnceFixed() throws Exception {
    // given: no daemon, a Claude Code hook left pointing at a removed build, a memory others can read
    Path claude = Files.createDirectories(tmp.resolve("home/.claude"));
    Files.writeString(claude.resolve("settings.json"), """
        {"hooks": {"UserPromptSubmit": [{"hooks": [{"type": "command", "command": "/gone/target/memory-daemon/bin/memory-daemon hook"}]}]}}
        """);
    Path data = Files.createDirectories(tmp.resolve("data/agent-memory"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

    // when
    DaemonProcess.Result broken = daemon.run("doctor", "--json");

    // then
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
    assertThat(failures(broken)).containsExactlyInAnyOrder(
        "daemon: memory-daemon start (memory-daemon service install runs it at login)",
        "permissions: chmod 700 " + data,
        "Claude Code: memory-daemon hooks install (registers this installation again)");

    // when: each fix applied
    assertThat(daemon.run("start", "--port", "0").exitCode()).isZero();
    assertThat(daemon.run("hooks", "install").exitCode()).isZero();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    DaemonProcess.Result fixed = daemon.run("doctor");

    // then
    assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
    assertThat(fixed.out()).contains("OK   daemon", "OK   store", "OK   index", "OK   Claude Code  hook for");
  }

  /** "area: fix" of each failed check. */
  private static List<String> failures(DaemonProcess.Result result) throws Exception {
    List<String> failures = new ArrayList<>();
    for (JsonNode check : JSON.readTree(result.out()).path("checks")) {
      if (check.path("status").asText().equals("fail")) {
        failures.add(check.path("area").asText() + ": " + check.path("fix").asText());
      }
    }
    return failures;
  }
}
