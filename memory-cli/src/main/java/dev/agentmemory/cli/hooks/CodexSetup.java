package dev.agentmemory.cli.hooks;

import dev.agentmemory.hook.Platform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What `hooks install --agent codex` puts into Codex CLI's directory ({@code $CODEX_HOME}, else
 * {@code ~/.codex}; {@code DIR/.codex} with --project): the hook in {@code hooks.json} (Claude
 * Code's shape, tool matcher a regex), the skill in {@code skills/}, the MCP server in
 * {@code config.toml}. Codex asks the user to trust a new hook in {@code /hooks}.
 */
final class CodexSetup implements AgentSetup {
  static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "PostToolUse", "Stop",
      "SubagentStart", "SubagentStop", "PreCompact", "SessionEnd");
  private static final List<String> TOOL_EVENTS = List.of("PostToolUse");

  private final Path dir;
  private final boolean project;

  private CodexSetup(Path dir, boolean project) {
    this.dir = dir;
    this.project = project;
  }

  @Override
  public boolean forProject() {
    return project;
  }

  static CodexSetup of(Platform platform, Optional<Path> project) {
    String home = platform.env().getOrDefault("CODEX_HOME", "");
    return new CodexSetup(project.map(p -> p.resolve(".codex"))
        .orElseGet(() -> home.isBlank() ? platform.home().resolve(".codex") : Path.of(home)), project.isPresent());
  }

  @Override
  public String title() {
    return "Codex CLI";
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public void install(PrintWriter out, String hookCommand, String launcher, boolean skill, boolean mcp) {
    if (!found()) {
      throw AgentSetup.notFound(title(), dir, "CODEX_HOME");
    }
    ClaudeSettings hooks = ClaudeSettings.read(dir.resolve("hooks.json"));
    String command = hookCommand + " --agent codex";
    List<String> changed = hooks.install(command, EVENTS, TOOL_EVENTS, ".*");
    if (changed.isEmpty()) {
      out.printf("Hook: already installed in %s (nothing changed).%n", hooks.file());
    } else {
      Optional<Path> backup = hooks.save();
      out.printf("Hook: installed in %s for: %s%n", hooks.file(), String.join(", ", changed));
      backup.ifPresent(path -> out.printf("  Backup of the previous file: %s%n", path));
      out.println("  Codex runs it once you trust it: open /hooks in Codex and approve the memory-daemon hook.");
    }
    out.printf("  Hook command: %s%n", command);
    if (skill) {
      AgentSkill codexSkill = AgentSkill.in(dir);
      out.printf("Skill: %s %s%n", codexSkill.install(launcher) ? "installed" : "already installed", codexSkill.file());
    }
    if (mcp) {
      CodexMcpConfig config = new CodexMcpConfig(dir.resolve("config.toml"));
      out.printf("MCP server: agent-memory %s %s%n", config.install(launcher.replace("\"", ""))
          ? "registered in" : "already registered in", config.path());
    }
  }

  @Override
  public void uninstall(PrintWriter out) {
    ClaudeSettings hooks = ClaudeSettings.read(dir.resolve("hooks.json"));
    List<String> removed = Files.exists(hooks.file()) ? hooks.uninstall() : List.of();
    if (removed.isEmpty()) {
      out.printf("Hook: not installed in %s (nothing changed).%n", hooks.file());
    } else {
      hooks.save();
      out.printf("Hook: removed from %s for: %s%n", hooks.file(), String.join(", ", removed));
    }
    AgentSkill skill = AgentSkill.in(dir);
    out.printf("Skill: %s %s%n", skill.uninstall() ? "removed" : "not installed at", skill.file());
    CodexMcpConfig config = new CodexMcpConfig(dir.resolve("config.toml"));
    out.printf("MCP server: agent-memory %s %s%n", config.uninstall() ? "removed from" : "not registered in", config.path());
  }

  @Override
  public String status() {
    Path hooksFile = dir.resolve("hooks.json");
    List<String> events = Files.exists(hooksFile) ? ClaudeSettings.read(hooksFile).installedEvents() : List.of();
    return String.format("hook %s; skill %s; MCP server %s",
        events.isEmpty() ? "not installed" : "installed for " + String.join(", ", events),
        AgentSkill.in(dir).installed() ? "installed" : "not installed",
        new CodexMcpConfig(dir.resolve("config.toml")).installed() ? "registered" : "not registered");
  }
}
