package dev.agentmemory.cli.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Claude Code plugin in this repository (plugins/agent-memory) registers what `hooks install`
 * registers: the same events, matchers and timeouts, and the same skill, so the two ways to
 * connect Claude Code do not drift apart.
 */
class ClaudePluginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PLUGIN = Path.of("..", "plugins", "agent-memory");
  private static final String PLUGIN_COMMAND = "\"${CLAUDE_PLUGIN_ROOT}/scripts/run-memory-daemon\" hook";

  @TempDir Path temp;

  @Test
  void shouldHookTheEventsHooksInstallHooks_throughThePluginsScript() throws Exception {
    ClaudeSettings settings = ClaudeSettings.read(temp.resolve("settings.json"));
    settings.install(PLUGIN_COMMAND);

    JsonNode installed = JSON.readTree(settings.render()).path("hooks");
    JsonNode plugin = JSON.readTree(PLUGIN.resolve("hooks/hooks.json").toFile()).path("hooks");

    assertThat(plugin).isEqualTo(installed);
  }

  @Test
  void shouldCarryTheSkillHooksInstallWrites_namingTheInstalledCommand() throws Exception {
    assertThat(Files.readString(PLUGIN.resolve("skills/agent-memory/SKILL.md"))).isEqualTo(AgentSkill.text("memory-daemon"));
  }

  @Test
  void shouldStartTheMcpServerThroughThePluginsScript() throws Exception {
    JsonNode server = JSON.readTree(PLUGIN.resolve(".mcp.json").toFile()).path("mcpServers").path("agent-memory");

    assertThat(server.path("command").asText()).isEqualTo("${CLAUDE_PLUGIN_ROOT}/scripts/run-memory-daemon");
    assertThat(server.path("args").toString()).isEqualTo("[\"mcp\"]");
    assertThat(Files.isExecutable(PLUGIN.resolve("scripts/run-memory-daemon"))).isTrue();
  }
}
