package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codex CLI's hook payloads through the packaged launcher's `hook --agent codex`. */
class CodexCaptureIT {
  /** The hook module's Codex fixtures (in this repository), written from the agent spec, section 1.1. */
  private static final Path FIXTURES =
      Path.of("..", "memory-hook", "src", "test", "resources", "codex").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    assertThat(FIXTURES.resolve("user-prompt-submit.json")).as("test input").exists();
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldInstallIntoCodexsOwnFiles_andUninstallExactly() throws Exception {
    // given: Codex's directory with a hook and an MCP server of the user's
    Path codex = Files.createDirectories(tmp.resolve("home/.codex"));
    String hooks = """
        {
          "hooks": {
            "Stop": [
              {
                "hooks": [
                  {
                    "type": "command",
                    "command": "notify-send done"
                  }
                ]
              }
            ]
          }
        }
        """;
    String config = "model = \"gpt-5-codex\"\n\n[mcp_servers.github]\ncommand = \"npx\"\nargs = [\"-y\", \"gh-mcp\"]";
    Files.writeString(codex.resolve("hooks.json"), hooks);
    Files.writeString(codex.resolve("config.toml"), config);

    // when
    DaemonProcess.Result install = daemon.run("hooks", "install", "--agent", "codex");
    String installedHooks = Files.readString(codex.resolve("hooks.json"));
    String installedConfig = Files.readString(codex.resolve("config.toml"));
    boolean skill = Files.exists(codex.resolve("skills/agent-memory/SKILL.md"));
    DaemonProcess.Result status = daemon.run("hooks", "status");
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall", "--agent", "codex");
    DaemonProcess.Result unknown = daemon.run("hooks", "install", "--agent", "cursor");

    // then
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.out()).contains("open /hooks in Codex");
    assertThat(installedHooks).contains("notify-send done", "\"matcher\": \".*\"", "/bin/memory-daemon hook --agent codex\"");
    assertThat(installedConfig).startsWith(config).contains("[mcp_servers.agent-memory]", "args = [\"mcp\"]");
    assertThat(skill).as("the skill in ~/.codex/skills").isTrue();
    assertThat(status.out()).contains("Codex CLI (" + codex + "): hook installed for Stop, SessionStart", "skill installed",
        "MCP server registered");
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(Files.readString(codex.resolve("hooks.json"))).isEqualTo(hooks);
    assertThat(Files.readString(codex.resolve("config.toml"))).isEqualTo(config);
    assertThat(codex.resolve("skills/agent-memory")).doesNotExist();
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--agent cursor is not known: claude, codex, gemini, copilot, opencode");
  }

  @Test
  void shouldCaptureCodexSilently_findItByAgent_andHandMemoryBackAsJson() throws Exception {
    // given
    daemon.start();

    // when: a Codex session goes through the hook
    for (String fixture : List.of("session-start.json", "user-prompt-submit.json", "post-tool-use-shell.json",
        "post-tool-use-apply-patch.json", "stop.json", "stop-without-message.json", "session-end.json")) {
      DaemonProcess.Result hook = hook(fixture);
      assertThat(hook.exitCode()).as(fixture).isZero();
      assertThat(hook.out()).as(fixture).isEmpty();
    }

    // then: found as Codex's, not as Claude Code's
    String codex = DaemonProcess.await(() -> search("codex"), "quarantined");
    assertThat(codex).contains("user (codex)", "project ledger-api");
    assertThat(search("claude")).doesNotContain("quarantined entries");

    // when: a new Codex session starts once the project has memory
    Path memory = tmp.resolve("data/agent-memory/context/ledger-api.md");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(memory)) {
      assertThat(System.nanoTime()).as("memory of ledger-api written").isLessThan(deadline);
      Thread.sleep(200);
    }
    DaemonProcess.Result start = hook("session-start.json");

    // then
    assertThat(start.out()).startsWith("{\"hookSpecificOutput\":").contains("\"hookEventName\":\"SessionStart\"",
        "\"additionalContext\":\"# Memory of project ledger-api");
  }

  @Test
  void shouldImportRollouts_plainAndCompressed_once() throws Exception {
    // given: a rollout and its zstd copy (the daemon module's fixtures)
    Path rollouts = Path.of("..", "memory-capture", "src", "test", "resources", "codex").toAbsolutePath().normalize();
    assertThat(rollouts.resolve("compressed")).as("test input").isDirectory();
    daemon.start();

    // when
    DaemonProcess.Result dry = daemon.run("admin", "import", "codex", "--path", rollouts.toString(), "--dry-run");
    DaemonProcess.Result first = daemon.run("admin", "import", "codex", "--path", rollouts.toString());
    DaemonProcess.Result second = daemon.run("admin", "import", "codex", "--path", rollouts.toString());

    // then
    assertThat(dry.out()).contains("DRY RUN - would import 8 events of 1 session from 2 files (2026-11-30 to 2026-11-30)");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Imported 8 events from 2 files: 4 new, 4 already stored, 0 rejected.",
        "2 malformed lines");
    assertThat(second.out()).contains("0 new, 8 already stored");
    String found = DaemonProcess.await(() -> daemon.run("search", "LedgerExport filter", "--project", "ledger-api", "--agent", "codex",
        "--mode", "bm25").out(), "LedgerExport");
    assertThat(found).contains("assistant (codex)");
  }

  private String search(String agent) throws Exception {
    return daemon.run("search", "quarantined entries", "--project", "ledger-api", "--agent", agent, "--mode", "bm25").out();
  }

  private DaemonProcess.Result hook(String fixture) throws Exception {
    return daemon.runWithInput(FIXTURES.resolve(fixture), "hook", "--agent", "codex");
  }
}
