package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenCode ({@code $XDG_CONFIG_HOME/opencode}, else {@code ~/.config/opencode}; with --project
 * {@code DIR/.opencode}): it has no command hooks, so capture is a plugin, {@code
 * plugins/agent-memory.js} (V1 plugin API), which hands each event to {@code memory-daemon hook
 * --agent opencode} in the background; the skill in {@code skills/}; the MCP server under
 * {@code mcp} in {@code opencode.json} (the user's in the config directory, a project's at its root).
 */
final class OpenCodeSetup implements AgentSetup {
  static final String PLUGIN = "agent-memory.js";
  private static final String MARK = "// agent-memory: written by `memory-daemon hooks install --agent opencode`";
  private static final String PLACEHOLDER = "{{memory-daemon}}";

  private final Path dir;
  private final Path config;
  private final boolean project;

  private OpenCodeSetup(Path dir, Path config, boolean project) {
    this.dir = dir;
    this.config = config;
    this.project = project;
  }

  static OpenCodeSetup of(Platform platform, Optional<Path> project) {
    if (project.isPresent()) {
      return new OpenCodeSetup(project.get().resolve(".opencode"), project.get().resolve("opencode.json"), true);
    }
    String xdg = platform.env().getOrDefault("XDG_CONFIG_HOME", "");
    Path dir = (xdg.isBlank() ? platform.home().resolve(".config") : Path.of(xdg)).resolve("opencode");
    return new OpenCodeSetup(dir, dir.resolve("opencode.json"), false);
  }

  @Override
  public String title() {
    return "OpenCode";
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public boolean forProject() {
    return project;
  }

  Path plugin() {
    return dir.resolve("plugins").resolve(PLUGIN);
  }

  /** The plugin's source, calling {@code launcher}. */
  static String pluginText(String launcher) {
    try (InputStream in = OpenCodeSetup.class.getResourceAsStream(PLUGIN)) {
      if (in == null) {
        throw new IllegalStateException(PLUGIN + " is missing from the memory-cli jar");
      }
      String quoted = launcher.replace("\\", "\\\\").replace("\"", "\\\"");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(PLACEHOLDER, quoted);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + PLUGIN + " from the memory-cli jar", e);
    }
  }

  private boolean pluginInstalled() {
    try {
      return Files.isRegularFile(plugin()) && Files.readString(plugin()).startsWith(MARK);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void install(PrintWriter out, String hookCommand, String launcher, boolean skill, boolean mcp) {
    if (!found()) {
      throw AgentSetup.notFound(title(), dir, "XDG_CONFIG_HOME");
    }
    JsonFile settings = mcp ? JsonFile.read(config) : null;
    String text = pluginText(launcher.replace("\"", ""));
    try {
      if (Files.exists(plugin()) && !pluginInstalled()) {
        throw new CliException(plugin() + " exists and is not agent-memory's; move it aside, then try again");
      }
      boolean same = pluginInstalled() && Files.readString(plugin()).equals(text);
      if (!same) {
        Files.createDirectories(plugin().getParent());
        FileEdits.replace(plugin(), text.getBytes(StandardCharsets.UTF_8));
      }
      out.printf("Plugin: %s %s%n", same ? "already installed at" : "installed at", plugin());
      out.printf("  It runs: %s hook --agent opencode (OpenCode loads it at its next start)%n", launcher);
    } catch (IOException e) {
      throw new CliException("Cannot write " + plugin() + ": " + e.getMessage());
    }
    if (skill) {
      AgentSkill openCodeSkill = AgentSkill.in(dir);
      out.printf("Skill: %s %s%n", openCodeSkill.install(launcher) ? "installed" : "already installed", openCodeSkill.file());
    }
    if (mcp) {
      ObjectNode entry = JsonNodeFactory.instance.objectNode().put("type", "local");
      entry.putArray("command").add(launcher.replace("\"", "")).add("mcp");
      entry.put("enabled", true);
      if (JsonMcpEntry.install(settings.root(), "mcp", entry)) {
        Optional<Path> backup = settings.save();
        out.printf("MCP server: %s registered in %s%n", JsonMcpEntry.NAME, config);
        backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
      } else {
        out.printf("MCP server: %s already registered in %s%n", JsonMcpEntry.NAME, config);
      }
    }
  }

  @Override
  public void uninstall(PrintWriter out) {
    boolean removed = pluginInstalled();
    if (removed) {
      try {
        Files.delete(plugin());
      } catch (IOException e) {
        throw new CliException("Cannot remove " + plugin() + ": " + e.getMessage());
      }
    }
    out.printf("Plugin: %s %s%n", removed ? "removed" : "not installed at", plugin());
    AgentSkill skill = AgentSkill.in(dir);
    out.printf("Skill: %s %s%n", skill.uninstall() ? "removed" : "not installed at", skill.file());
    JsonFile settings = JsonFile.read(config);
    if (JsonMcpEntry.uninstall(settings.root(), "mcp")) {
      settings.save();
      out.printf("MCP server: %s removed from %s%n", JsonMcpEntry.NAME, config);
    } else {
      out.printf("MCP server: %s not registered in %s%n", JsonMcpEntry.NAME, config);
    }
  }

  @Override
  public String status() {
    return "plugin " + (pluginInstalled() ? "installed at " + plugin() : "not installed")
        + "; skill " + (AgentSkill.in(dir).installed() ? "installed" : "not installed")
        + "; MCP server " + (JsonMcpEntry.installed(JsonFile.read(config).root(), "mcp") ? "registered" : "not registered");
  }
}
