package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.storage.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini CLI, Copilot CLI and OpenCode against the packaged daemon: the installer into a temp HOME
 * holding the user's own config, each agent's fixture payloads through `hook --agent`, its sample
 * transcripts through `admin import`, and search finding what each captured under its own tag.
 */
class OtherAgentsIT {
  /** The hook module's fixtures and the daemon module's transcripts (both in this repository). */
  private static final Path HOOK_FIXTURES = Path.of("..", "memory-hook", "src", "test", "resources").toAbsolutePath().normalize();
  private static final Path TRANSCRIPTS = Path.of("..", "memory-capture", "src", "test", "resources").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private DaemonProcess daemon;
  private Path home;

  @BeforeEach
  void sandbox() throws Exception {
    assertThat(HOOK_FIXTURES.resolve("gemini/before-agent.json")).as("test input").exists();
    assertThat(TRANSCRIPTS.resolve("opencode/opencode.sql")).as("test input").exists();
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_SEARCH_VECTORS", "false");
    home = Files.createDirectories(tmp.resolve("home"));
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void gemini() throws Exception {
    // given: the user's settings.json (a hook and an MCP server of their own)
    Path gemini = Files.createDirectories(home.resolve(".gemini"));
    String settings = """
        {
          "theme": "GitHub",
          "hooksConfig": {
            "enabled": false
          },
          "hooks": {
            "AfterAgent": [
              {
                "hooks": [
                  {
                    "type": "command",
                    "command": "notify-send done"
                  }
                ]
              }
            ]
          },
          "mcpServers": {
            "github": {
              "command": "gh-mcp"
            }
          }
        }
        """;
    Files.writeString(gemini.resolve("settings.json"), settings);

    // when
    DaemonProcess.Result install = daemon.run("hooks", "install", "--agent", "gemini");

    // then: merged into settings.json, timeouts in ms, the MCP server beside the user's
    assertThat(install.exitCode()).as(install.toString()).isZero();
    String installed = Files.readString(gemini.resolve("settings.json"));
    assertThat(installed).contains("notify-send done", "\"github\"", "\"theme\": \"GitHub\"", "\"BeforeAgent\"",
        "hook --agent gemini\"", "\"timeout\": 10000", "\"agent-memory\"", "\"args\": [\n        \"mcp\"");
    assertThat(gemini.resolve("skills/agent-memory/SKILL.md")).exists();
    assertThat(install.out()).as("hooks switched off is said").contains("hooksConfig.enabled is false");

    // when: a Gemini session goes through the hook; its chats are imported
    daemon.start();
    for (String fixture : List.of("session-start.json", "before-agent.json", "after-tool.json", "after-tool-error.json",
        "after-model-chunk.json", "after-agent.json", "pre-compress.json", "session-end.json", "truncated.json")) {
      DaemonProcess.Result hook = hook("gemini", fixture, "");
      assertThat(hook.exitCode()).as(fixture).isZero();
      assertThat(hook.out()).as(fixture + ": Gemini parses stdout").isEmpty();
    }
    Path chats = TRANSCRIPTS.resolve("gemini");
    DaemonProcess.Result first = daemon.run("admin", "import", "gemini", "--path", chats.toString());
    DaemonProcess.Result second = daemon.run("admin", "import", "gemini", "--path", chats.toString());

    // then
    String found = DaemonProcess.await(() -> search("spring tide prediction", "tide-tables", "gemini"), "user (gemini)");
    assertThat(found).contains("user (gemini)");
    assertThat(search("spring tide prediction", "tide-tables", "claude")).doesNotContain("**tide**");
    // the hook had the prompt, the tool call and the final answer: only the message between is new
    assertThat(first.out()).as(first.toString()).contains("Imported 4 events from 1 file: 1 new, 0 already stored",
        "Left out 3 events the live hook had captured already", "1 malformed");
    assertThat(second.out()).contains("0 new, 1 already stored");
    assertThat(found.split("Why is the", -1)).as("the prompt once, though captured and imported").hasSize(2);
    DaemonProcess.Result events = daemon.run("query", "events", "--project", "tide-tables", "--agent", "gemini",
        "--from", "2026-11-30", "--to", "2026-11-30");
    assertThat(events.out()).contains("gemini, session 5d1c9a0e").doesNotContain("claude,");
    assertThat(daemon.run("admin", "stats", "--project", "tide-tables").out()).containsPattern("gemini: +\\d+ events");
    assertThat(daemon.run("hooks", "status").out()).contains("Gemini CLI (" + gemini + "): hook installed for",
        "MCP server registered").containsPattern("Gemini CLI .*; \\d+ events, last stored");

    // when: uninstalled
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall", "--agent", "gemini");

    // then: the very file the user had
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(Files.readString(gemini.resolve("settings.json"))).isEqualTo(settings);
    assertThat(gemini.resolve("skills/agent-memory")).doesNotExist();
  }

  @Test
  void copilot() throws Exception {
    // given: the user's MCP config
    Path copilot = Files.createDirectories(home.resolve(".copilot"));
    String mcp = "{\n  \"mcpServers\": {\n    \"github\": {\n      \"type\": \"local\",\n      \"command\": \"gh-mcp\"\n    }\n  }\n}\n";
    Files.writeString(copilot.resolve("mcp-config.json"), mcp);
    Files.writeString(copilot.resolve("settings.json"), "{\"disableAllHooks\": true}\n");

    // when
    DaemonProcess.Result install = daemon.run("hooks", "install", "--agent", "copilot");

    // then: our own hook file, every command naming its event
    assertThat(install.exitCode()).as(install.toString()).isZero();
    String hooks = Files.readString(copilot.resolve("hooks/agent-memory.json"));
    assertThat(hooks).contains("\"version\": 1", "\"bash\":", "hook --agent copilot --event userPromptSubmitted\"",
        "\"timeoutSec\": 10");
    assertThat(install.out()).as("hooks switched off is said").contains("disableAllHooks is true");
    assertThat(Files.readString(copilot.resolve("mcp-config.json"))).contains("\"github\"", "\"agent-memory\"", "\"tools\"");
    assertThat(copilot.resolve("skills/agent-memory/SKILL.md")).exists();

    // when: a Copilot session (camelCase, events named on the command line; one snake_case payload)
    daemon.start();
    Path stop = tmp.resolve("agent-stop.json");
    Files.writeString(stop, Files.readString(HOOK_FIXTURES.resolve("copilot/agent-stop.json"))
        .replace("{{events}}", HOOK_FIXTURES.resolve("copilot/events.jsonl").toString()));
    for (String[] call : List.of(new String[] {"session-start.json", "sessionStart"},
        new String[] {"session-start-again.json", "sessionStart"},
        new String[] {"user-prompt-submitted.json", "userPromptSubmitted"}, new String[] {"post-tool-use.json", "postToolUse"},
        new String[] {"post-tool-use-failure.json", "postToolUseFailure"}, new String[] {stop.toString(), "agentStop"},
        new String[] {"prompt-ansi.json", "userPromptSubmitted"}, new String[] {"user-prompt-submit-pascal.json", ""},
        new String[] {"session-end.json", "sessionEnd"})) {
      DaemonProcess.Result hook = hook("copilot", call[0], call[1]);
      assertThat(hook.exitCode()).as(call[0]).isZero();
      assertThat(hook.out()).as(call[0]).isEmpty();
    }
    Path sessions = TRANSCRIPTS.resolve("copilot");
    DaemonProcess.Result dry = daemon.run("admin", "import", "copilot", "--path", sessions.toString(), "--dry-run");
    DaemonProcess.Result first = daemon.run("admin", "import", "copilot", "--path", sessions.toString());

    // then
    String found = DaemonProcess.await(() -> search("dry-run flag berth allocator", "harbor-cli", "copilot"), "dry-run");
    assertThat(found).contains("user (copilot)");
    assertThat(search("dry-run flag berth allocator", "harbor-cli", "gemini")).doesNotContain("berth");
    assertThat(dry.out()).contains("DRY RUN - would import 3 events of 1 session from 1 file");
    assertThat(first.out()).as(first.toString()).contains("Imported 3 events from 1 file: 0 new, 0 already stored",
        "Left out 3 events the live hook had captured already");
    String answers = daemon.run("query", "events", "--project", "harbor-cli", "--agent", "copilot", "--from", "2026-11-30",
        "--to", "2026-11-30", "--limit", "100").out();
    assertThat(answers).contains("I added --dry-run to `berth allocate`", "Now write the test for \"berth --dry-run\"");
    assertThat(answers.split("Session started", -1)).as("one start per session, though fired twice").hasSize(2);

    // when
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall", "--agent", "copilot");

    // then
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(copilot.resolve("hooks/agent-memory.json")).doesNotExist();
    assertThat(Files.readString(copilot.resolve("mcp-config.json"))).isEqualTo(mcp);
  }

  @Test
  void opencode() throws Exception {
    // given: the user's opencode.json, and an invalid one in a project
    Path config = Files.createDirectories(tmp.resolve("config/opencode"));
    String json = "{\n  \"$schema\": \"https://opencode.ai/config.json\",\n  \"theme\": \"tokyonight\"\n}\n";
    Files.writeString(config.resolve("opencode.json"), json);
    Path project = Files.createDirectories(tmp.resolve("broken-project"));
    Files.writeString(project.resolve("opencode.json"), "{ \"theme\": ");

    // when
    DaemonProcess.Result install = daemon.run("hooks", "install", "--agent", "opencode");
    DaemonProcess.Result broken = daemon.run("hooks", "install", "--agent", "opencode", "--project", project.toString());

    // then: the plugin calls this installation; the MCP server under "mcp" with a command array
    assertThat(install.exitCode()).as(install.toString()).isZero();
    String plugin = Files.readString(config.resolve("plugins/agent-memory.js"));
    assertThat(plugin).contains("const LAUNCHER = \"" + DaemonProcess.launcher()).contains("\"--agent\", \"opencode\"");
    assertThat(Files.readString(config.resolve("opencode.json"))).contains("\"theme\": \"tokyonight\"", "\"mcp\": {",
        "\"agent-memory\"", "\"type\": \"local\"", "\"enabled\": true");
    assertThat(broken.exitCode()).isNotZero();
    assertThat(broken.err()).contains(project.resolve("opencode.json") + " is not valid JSON");
    assertThat(Files.readString(project.resolve("opencode.json"))).isEqualTo("{ \"theme\": ");
    assertThat(project.resolve(".opencode")).doesNotExist();

    // when: events as the plugin hands them over; then OpenCode's database and older JSON tree
    daemon.start();
    for (String fixture : List.of("session-created.json", "chat-message.json", "tool-execute-after.json",
        "message-completed.json", "session-compacted.json", "session-error-no-session.json", "session-deleted.json")) {
      DaemonProcess.Result hook = hook("opencode", fixture, "");
      assertThat(hook.exitCode()).as(fixture).isZero();
    }
    Path data = Files.createDirectories(tmp.resolve("data/opencode"));
    FileTrees.copy(TRANSCRIPTS.resolve("opencode/storage"), data.resolve("storage"));
    createDatabase(data.resolve("opencode.db"), TRANSCRIPTS.resolve("opencode/opencode.sql"));
    DaemonProcess.Result first = daemon.run("admin", "import", "opencode");
    DaemonProcess.Result second = daemon.run("admin", "import", "opencode");

    // then
    String found = DaemonProcess.await(() -> search("kiln firing queue starves", "kiln-scheduler", "opencode"), "starves");
    assertThat(found).contains("user (opencode)");
    assertThat(first.out()).as(first.toString()).contains("Imported 6 events from 2 files: 3 new, 0 already stored",
        "Left out 3 events the live hook had captured already", "1 malformed");
    assertThat(second.out()).contains("0 new, 3 already stored");
    assertThat(DaemonProcess.await(() -> search("temperature log tenth reading", "kiln-scheduler", "opencode"), "tenth"))
        .as("a session only in the older JSON tree").contains("user (opencode)");

    // when
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall", "--agent", "opencode");

    // then
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(config.resolve("plugins/agent-memory.js")).doesNotExist();
    assertThat(Files.readString(config.resolve("opencode.json"))).isEqualTo(json);
  }

  @Test
  void allAgents_shouldInstallForTheAgentsFoundOnly() throws Exception {
    Files.createDirectories(home.resolve(".gemini"));
    Files.createDirectories(home.resolve(".claude"));

    DaemonProcess.Result install = daemon.run("hooks", "install", "--all-agents", "--no-mcp");
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall", "--all-agents");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.out()).contains("== Claude Code", "== Gemini CLI", "hook --agent gemini",
        "== Codex CLI\nNot found", "== Copilot CLI\nNot found", "== OpenCode\nNot found");
    assertThat(home.resolve(".copilot")).doesNotExist();
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(home.resolve(".gemini/settings.json")).doesNotExist();
    assertThat(home.resolve(".claude/settings.json")).doesNotExist();
  }

  private String search(String query, String project, String agent) throws Exception {
    return daemon.run("search", query, "--project", project, "--agent", agent, "--mode", "bm25").out();
  }

  /** Runs the packaged `hook --agent AGENT [--event EVENT]` on a fixture (a name, or a path). */
  private DaemonProcess.Result hook(String agent, String fixture, String event) throws Exception {
    Path input = fixture.startsWith("/") ? Path.of(fixture) : HOOK_FIXTURES.resolve(agent).resolve(fixture);
    return event.isEmpty() ? daemon.runWithInput(input, "hook", "--agent", agent)
        : daemon.runWithInput(input, "hook", "--agent", agent, "--event", event);
  }

  /** OpenCode's database, built from the statements of {@code sql}. */
  private static void createDatabase(Path db, Path sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      for (String command : Files.readString(sql).replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
        if (!command.isBlank()) {
          statement.executeUpdate(command);
        }
      }
    }
  }
}
