package dev.agentmemory.cli.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Copilot CLI ({@code $COPILOT_HOME}, else {@code ~/.copilot}; with --project the repository's
 * {@code .github}): the hooks in a file of their own, {@code hooks/agent-memory.json}, with
 * camelCase event names (each command names its event: those payloads do not); the skill in
 * {@code skills/}; the MCP server in {@code mcp-config.json} (user) or {@code .github/mcp.json}.
 * Copilot ignores what a sessionStart hook prints, so there is no session-start memory: the skill
 * and the MCP server are how it consults memory.
 */
final class CopilotSetup implements AgentSetup {
  static final List<String> EVENTS = List.of("sessionStart", "userPromptSubmitted", "postToolUse", "postToolUseFailure",
      "agentStop", "subagentStart", "subagentStop", "preCompact", "sessionEnd");
  private static final String HOOK_FILE = "agent-memory.json";

  private final Path dir;
  private final boolean project;

  private CopilotSetup(Path dir, boolean project) {
    this.dir = dir;
    this.project = project;
  }

  static CopilotSetup of(Platform platform, Optional<Path> project) {
    String home = platform.env().getOrDefault("COPILOT_HOME", "");
    return new CopilotSetup(project.map(p -> p.resolve(".github"))
        .orElseGet(() -> home.isBlank() ? platform.home().resolve(".copilot") : Path.of(home)), project.isPresent());
  }

  @Override
  public String title() {
    return "Copilot CLI";
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public boolean forProject() {
    return project;
  }

  private Path hookFile() {
    return dir.resolve("hooks").resolve(HOOK_FILE);
  }

  private JsonFile mcpFile() {
    return JsonFile.read(dir.resolve(project ? "mcp.json" : "mcp-config.json"));
  }

  @Override
  public void install(PrintWriter out, String hookCommand, String launcher, boolean skill, boolean mcp) {
    if (!found()) {
      throw AgentSetup.notFound(title(), dir, "COPILOT_HOME");
    }
    JsonFile config = mcp ? mcpFile() : null;
    JsonFile hooks = JsonFile.read(hookFile());
    if (hooks.exists() && !ours(hooks)) {
      throw new CliException(hookFile() + " exists and is not agent-memory's; move it aside, then try again");
    }
    hooks.root().removeAll();
    hooks.root().put("version", 1);
    ObjectNode events = hooks.root().putObject("hooks");
    String command = hookCommand + " --agent copilot";
    for (String event : EVENTS) {
      events.putArray(event).addObject().put("type", "command").put("bash", command + " --event " + event)
          .put("timeoutSec", 10);
    }
    boolean changed = hooks.changed();
    if (changed) {
      hooks.save();
    }
    out.printf("Hook: %s %s%n", changed ? "installed in" : "already installed in", hookFile());
    out.printf("  Hook command: %s --event <event>%n", command);
    if (!project && hooksDisabled()) {
      out.printf("  Note: disableAllHooks is true in %s: Copilot CLI runs no hooks until it is false.%n",
          dir.resolve("settings.json"));
    }
    if (skill) {
      AgentSkill copilotSkill = AgentSkill.in(dir);
      out.printf("Skill: %s %s%n", copilotSkill.install(launcher) ? "installed" : "already installed", copilotSkill.file());
    }
    if (mcp) {
      ObjectNode entry = JsonNodeFactory.instance.objectNode().put("type", "local").put("command", launcher.replace("\"", ""));
      entry.putArray("args").add("mcp");
      entry.putObject("env");
      entry.putArray("tools").add("*");
      if (JsonMcpEntry.install(config.root(), "mcpServers", entry)) {
        Optional<Path> backup = config.save();
        out.printf("MCP server: %s registered in %s%n", JsonMcpEntry.NAME, config.path());
        backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
      } else {
        out.printf("MCP server: %s already registered in %s%n", JsonMcpEntry.NAME, config.path());
      }
    }
  }

  /** Whether the user's settings turn every hook off (a settings file we cannot read says nothing). */
  private boolean hooksDisabled() {
    Path settings = dir.resolve("settings.json");
    try {
      return Files.exists(settings) && JsonFile.read(settings).root().path("disableAllHooks").asBoolean(false);
    } catch (CliException e) {
      return false;
    }
  }

  private static boolean ours(JsonFile hooks) {
    return hooks.root().path("hooks").toString().contains("--agent copilot");
  }

  @Override
  public void uninstall(PrintWriter out) {
    JsonFile hooks = JsonFile.read(hookFile());
    boolean removed = hooks.exists() && ours(hooks);
    if (removed) {
      try {
        Files.delete(hookFile());
      } catch (IOException e) {
        throw new CliException("Cannot remove " + hookFile() + ": " + e.getMessage());
      }
    }
    out.printf("Hook: %s %s%n", removed ? "removed" : "not installed at", hookFile());
    AgentSkill skill = AgentSkill.in(dir);
    out.printf("Skill: %s %s%n", skill.uninstall() ? "removed" : "not installed at", skill.file());
    JsonFile config = mcpFile();
    if (JsonMcpEntry.uninstall(config.root(), "mcpServers")) {
      config.save();
      out.printf("MCP server: %s removed from %s%n", JsonMcpEntry.NAME, config.path());
    } else {
      out.printf("MCP server: %s not registered in %s%n", JsonMcpEntry.NAME, config.path());
    }
  }

  @Override
  public String status() {
    JsonFile hooks = JsonFile.read(hookFile());
    return "hook " + (hooks.exists() && ours(hooks) ? "installed in " + hookFile() : "not installed")
        + "; skill " + (AgentSkill.in(dir).installed() ? "installed" : "not installed")
        + "; MCP server " + (JsonMcpEntry.installed(mcpFile().root(), "mcpServers") ? "registered" : "not registered");
  }
}
