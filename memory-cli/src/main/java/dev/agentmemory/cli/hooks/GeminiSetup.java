package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.hook.Platform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gemini CLI ({@code ~/.gemini}, {@code $GEMINI_CLI_HOME/.gemini}, or {@code DIR/.gemini}): the hook
 * and the MCP server both go into {@code settings.json} (hook timeouts in milliseconds), the skill
 * into {@code skills/}. The prompt comes from BeforeAgent and the answer from AfterAgent, once per
 * turn (AfterModel would repeat per streaming chunk).
 */
final class GeminiSetup implements AgentSetup {
  static final List<String> EVENTS = List.of("SessionStart", "BeforeAgent", "AfterAgent", "AfterTool", "PreCompress",
      "SessionEnd");
  private static final int TIMEOUT_MS = 10_000;

  private final Path dir;
  private final boolean project;

  private GeminiSetup(Path dir, boolean project) {
    this.dir = dir;
    this.project = project;
  }

  @Override
  public boolean forProject() {
    return project;
  }

  static GeminiSetup of(Platform platform, Optional<Path> project) {
    String home = platform.env().getOrDefault("GEMINI_CLI_HOME", "");
    return new GeminiSetup(project.orElseGet(() -> home.isBlank() ? platform.home() : Path.of(home)).resolve(".gemini"),
        project.isPresent());
  }

  @Override
  public String title() {
    return "Gemini CLI";
  }

  @Override
  public Path dir() {
    return dir;
  }

  private ClaudeSettings settings() {
    return ClaudeSettings.read(dir.resolve("settings.json"));
  }

  @Override
  public void install(PrintWriter out, String hookCommand, String launcher, boolean skill, boolean mcp) {
    if (!found()) {
      throw AgentSetup.notFound(title(), dir, "GEMINI_CLI_HOME");
    }
    ClaudeSettings settings = settings();
    String command = hookCommand + " --agent gemini";
    List<String> changed = new ArrayList<>(settings.install(command, EVENTS, List.of("AfterTool"), ".*", TIMEOUT_MS));
    ObjectNode entry = JsonNodeFactory.instance.objectNode().put("command", launcher.replace("\"", ""));
    entry.putArray("args").add("mcp");
    if (mcp && JsonMcpEntry.install(settings.root(), "mcpServers", entry)) {
      changed.add("mcpServers." + JsonMcpEntry.NAME);
    }
    Optional<Path> backup = changed.isEmpty() ? Optional.empty() : settings.save();
    out.printf("Hook%s: %s %s%n", mcp ? " and MCP server" : "", changed.isEmpty() ? "already installed in"
        : "installed in", settings.file() + (changed.isEmpty() ? "" : " for: " + String.join(", ", changed)));
    backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
    out.printf("  Hook command: %s%n", command);
    if (!settings.root().path("hooksConfig").path("enabled").asBoolean(true)) {
      out.printf("  Note: hooksConfig.enabled is false in %s: Gemini CLI runs no hooks until it is true.%n", settings.file());
    }
    if (skill) {
      AgentSkill geminiSkill = AgentSkill.in(dir);
      out.printf("Skill: %s %s%n", geminiSkill.install(launcher) ? "installed" : "already installed", geminiSkill.file());
    }
  }

  @Override
  public void uninstall(PrintWriter out) {
    ClaudeSettings settings = settings();
    List<String> removed = new ArrayList<>();
    if (Files.exists(settings.file())) {
      removed.addAll(settings.uninstall());
      if (JsonMcpEntry.uninstall(settings.root(), "mcpServers")) {
        removed.add("mcpServers." + JsonMcpEntry.NAME);
      }
    }
    if (removed.isEmpty()) {
      out.printf("Hook and MCP server: not installed in %s (nothing changed).%n", settings.file());
    } else {
      settings.save();
      out.printf("Hook and MCP server: removed from %s for: %s%n", settings.file(), String.join(", ", removed));
    }
    AgentSkill skill = AgentSkill.in(dir);
    out.printf("Skill: %s %s%n", skill.uninstall() ? "removed" : "not installed at", skill.file());
  }

  @Override
  public String status() {
    Path file = dir.resolve("settings.json");
    ClaudeSettings settings = Files.exists(file) ? settings() : null;
    List<String> events = settings == null ? List.of() : settings.installedEvents();
    return "hook " + (events.isEmpty() ? "not installed" : "installed for " + String.join(", ", events))
        + "; skill " + (AgentSkill.in(dir).installed() ? "installed" : "not installed")
        + "; MCP server " + (settings != null && JsonMcpEntry.installed(settings.root(), "mcpServers") ? "registered" : "not registered");
  }
}
