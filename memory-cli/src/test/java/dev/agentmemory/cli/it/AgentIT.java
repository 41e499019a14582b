package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's side against the packaged launcher: {@code hooks install} into a HOME that already
 * has other hooks and MCP servers, a captured session in project alpha, the memory a new session
 * of alpha (and of beta) starts with, the MCP server driven by the official Java SDK client, and
 * an uninstall that gives back the very files the user had.
 */
class AgentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Claude Code writes its files with JSON.stringify(value, null, 2). */
  private static final String SETTINGS = """
      {
        "model": "opus",
        "permissions": {
          "allow": [
            "Bash(npm test)"
          ]
        },
        "hooks": {
          "PostToolUse": [
            {
              "matcher": "Edit",
              "hooks": [
                {
                  "type": "command",
                  "command": "prettier --write"
                }
              ]
            }
          ]
        }
      }""";
  private static final String CLAUDE_JSON = """
      {
        "numStartups": 42,
        "mcpServers": {
          "github": {
            "type": "stdio",
            "command": "npx",
            "args": [
              "-y",
              "@modelcontextprotocol/server-github"
            ],
            "env": {}
          }
        },
        "projects": {
          "/home/ann/shop": {
            "allowedTools": [],
            "hasTrustDialogAccepted": true
          }
        }
      }
      """;

  @TempDir Path tmp;
  private DaemonProcess daemon;
  private Path alpha;
  private Path beta;

  @BeforeEach
  void sandbox() throws Exception {
    daemon = new DaemonProcess(tmp);
    alpha = tmp.resolve("work/alpha");
    beta = tmp.resolve("work/beta");
    Files.createDirectories(alpha.resolve(".git"));
    Files.createDirectories(beta.resolve(".git"));
    Files.createDirectories(home().resolve(".claude"));
    Files.writeString(home().resolve(".claude/settings.json"), SETTINGS);
    Files.writeString(home().resolve(".claude.json"), CLAUDE_JSON);
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldGiveTheAgentItsProjectsMemory_atSessionStartAndThroughMcp_andUninstallExactly() throws Exception {
    // given: installed into a HOME with other hooks and MCP servers, a daemon, a session in alpha
    DaemonProcess.Result install = daemon.run("hooks", "install");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    JsonNode settings = JSON.readTree(home().resolve(".claude/settings.json").toFile());
    String hookCommand = settings.at("/hooks/SessionStart/0/hooks/0/command").asText();
    assertThat(hookCommand).endsWith("/bin/memory-daemon hook");
    assertThat(settings.at("/hooks/PostToolUse/0/hooks/0/command").asText()).isEqualTo("prettier --write");
    JsonNode claude = JSON.readTree(home().resolve(".claude.json").toFile());
    assertThat(claude.at("/mcpServers/github/command").asText()).isEqualTo("npx");
    assertThat(claude.at("/mcpServers/agent-memory/args/0").asText()).isEqualTo("mcp");
    assertThat(claude.at("/mcpServers/agent-memory/command").asText()).endsWith("/bin/memory-daemon");
    assertThat(claude.get("numStartups").asInt()).isEqualTo(42);
    Path skill = home().resolve(".claude/skills/agent-memory/SKILL.md");
    assertThat(Files.readString(skill)).startsWith("---\nname: agent-memory\n")
        .contains(DaemonProcess.launcher() + " search").doesNotContain("{{");
    assertThat(daemon.run("hooks", "status").out()).contains("SKILL.md: installed", "(user scope): registered");
    daemon.start();
    assertThat(hook(hookCommand, sessionStart("s-1", alpha)).out()).as("a fresh project starts empty").isEmpty();
    hook(hookCommand, payload("s-1", alpha, "UserPromptSubmit", "prompt",
        "Why does the invoice export round the VAT twice for Austrian customers?"));
    hook(hookCommand, payload("s-1", alpha, "Stop", "last_assistant_message",
        "The VAT was rounded in InvoiceTax.round and again in the CSV writer; I removed the second rounding."));
    hook(hookCommand, payload("s-1", alpha, "SessionEnd", "reason", "prompt_input_exit"));
    awaitFile(tmp.resolve("data/agent-memory/context/alpha.md"), "VAT");

    // when: a new session starts in alpha, and one in beta
    DaemonProcess.Result inAlpha = hook(hookCommand, sessionStart("s-2", alpha));
    DaemonProcess.Result inBeta = hook(hookCommand, sessionStart("s-3", beta));

    // then
    assertThat(inAlpha.exitCode()).isZero();
    assertThat(inAlpha.out()).contains("Memory of project alpha", "VAT", "memory-daemon search");
    assertThat(inBeta.exitCode()).isZero();
    assertThat(inBeta.out()).as("nothing of alpha in beta").isEmpty();

    // when: the agent in alpha searches, reads the recent days, browses and expands through MCP
    try (McpSession mcp = new McpSession(alpha, daemon)) {
      assertThat(mcp.client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactly("memory_search", "memory_recent", "memory_browse", "memory_expand", "memory_forget");
      String found = mcp.awaitText("memory_search", Map.of("query", "why is the VAT rounded twice"), "InvoiceTax");
      String recent = mcp.text("memory_recent", Map.of("days", 2));
      String node = firstMatch(recent, "node_id (toc:segment:\\S+)");
      String browsed = mcp.text("memory_browse", Map.of("node_id", node));
      String eventId = firstMatch(found, "event_id (\\w{26})");
      String expanded = mcp.text("memory_expand", Map.of("event_id", eventId, "before", 1, "after", 1));
      CallToolResult invalid = mcp.call("memory_expand", Map.of("event_id", "nope"));
      CallToolResult unknownNode = mcp.call("memory_browse", Map.of("node_id", "toc:day:1999-01-01"));
      CallToolResult unknownGrip = mcp.call("memory_expand", Map.of("grip_id", "grip:0000000000000:01KA0000000000000000000000"));
      String byCodex = mcp.text("memory_search", Map.of("query", "why is the VAT rounded twice", "agent", "codex"));

      // then
      assertThat(found).contains("project alpha", "event_id", "user (claude)");
      assertThat(byCodex).as("nothing was captured from Codex").startsWith("Nothing found");
      assertThat(recent).contains("Project alpha", "toc:day:");
      assertThat(browsed).contains(node);
      assertThat(expanded).contains("> [", "VAT");
      assertThat(invalid.isError()).isTrue();
      assertThat(McpSession.text(invalid)).contains("event_id must be a ULID");
      assertThat(unknownNode.isError()).as(McpSession.text(unknownNode)).isTrue();
      assertThat(McpSession.text(unknownNode)).startsWith("No node toc:day:1999-01-01 in project alpha");
      assertThat(unknownGrip.isError()).as(McpSession.text(unknownGrip)).isTrue();
      assertThat(McpSession.text(unknownGrip)).startsWith("No grip grip:0000000000000:01KA0000000000000000000000 in project alpha");
    }
    try (McpSession mcp = new McpSession(beta, daemon)) {
      assertThat(mcp.text("memory_search", Map.of("query", "VAT rounded twice")))
          .contains("Nothing found", "project beta").doesNotContain("InvoiceTax", "Austrian");
    }

    // when: the daemon is gone
    daemon.run("stop");
    try (McpSession mcp = new McpSession(alpha, daemon)) {
      CallToolResult down = mcp.call("memory_search", Map.of("query", "VAT"));

      // then: a tool result that says so, not a crash or a hang
      assertThat(down.isError()).isTrue();
      assertThat(McpSession.text(down)).contains("not running", "memory-daemon start");
    }

    // when
    DaemonProcess.Result uninstall = daemon.run("hooks", "uninstall");

    // then: the very bytes the user had
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(Files.readString(home().resolve(".claude/settings.json"))).isEqualTo(SETTINGS);
    assertThat(Files.readString(home().resolve(".claude.json"))).isEqualTo(CLAUDE_JSON);
    assertThat(skill.getParent()).doesNotExist();
  }

  @Test
  void shouldStartSessionsSilently_whenContextIsTurnedOff() throws Exception {
    // given: the hook installed with --no-context, a project with memory
    assertThat(daemon.run("hooks", "install", "--no-context", "--no-skill", "--no-mcp").exitCode()).isZero();
    String hookCommand = JSON.readTree(home().resolve(".claude/settings.json").toFile())
        .at("/hooks/SessionStart/0/hooks/0/command").asText();
    daemon.start();
    hook(hookCommand, payload("s-1", alpha, "UserPromptSubmit", "prompt", "Rename the billing module to invoicing."));
    hook(hookCommand, payload("s-1", alpha, "Stop", "last_assistant_message", "Renamed billing to invoicing everywhere."));
    awaitFile(tmp.resolve("data/agent-memory/context/alpha.md"), "invoicing");

    // when
    DaemonProcess.Result start = hook(hookCommand, sessionStart("s-2", alpha));

    // then
    assertThat(hookCommand).endsWith(" hook --no-context");
    assertThat(start.exitCode()).isZero();
    assertThat(start.out()).isEmpty();
    assertThat(home().resolve(".claude/skills")).doesNotExist();
    assertThat(JSON.readTree(home().resolve(".claude.json").toFile()).at("/mcpServers/agent-memory").isMissingNode()).isTrue();
  }

  private Path home() {
    return tmp.resolve("home");
  }

  private static String sessionStart(String session, Path cwd) {
    return payload(session, cwd, "SessionStart", "source", "startup");
  }

  private static String payload(String session, Path cwd, String event, String field, String value) {
    ObjectNode payload = JSON.createObjectNode().put("session_id", session).put("cwd", cwd.toString())
        .put("hook_event_name", event).put("transcript_path", cwd.resolve("t.jsonl").toString()).put(field, value);
    return payload.toString();
  }

  /** Runs the installed hook command through a shell, as Claude Code does, in the project's directory. */
  private DaemonProcess.Result hook(String command, String stdin) throws Exception {
    Path in = Files.createTempFile(tmp, "payload", ".json");
    Files.writeString(in, stdin);
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(tmp.toFile());
    builder.environment().clear();
    builder.environment().putAll(daemon.env);
    Path out = Files.createTempFile(tmp, "hook", ".out");
    builder.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new DaemonProcess.Result(process.exitValue(), Files.readString(out), "");
  }

  /** Waits until the daemon wrote {@code file} with {@code expected} in it. */
  private void awaitFile(Path file, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file) || !Files.readString(file).contains(expected)) {
      assertThat(System.nanoTime()).as("%s written by the daemon; %s", file, daemon.logs()).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String firstMatch(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
    return matcher.group(1);
  }

}
