package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.hook.Platform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What `hooks install --agent NAME` writes for an agent other than Claude Code, in that agent's own
 * files and formats: the capture hook (or plugin), the agent-memory skill, the MCP server.
 * Uninstall removes exactly that; every other setting in a shared file is kept.
 */
interface AgentSetup {
  /** The agents besides Claude Code, as {@code --agent} names them. */
  List<String> NAMES = List.of("codex", "gemini", "copilot", "opencode");

  /** The agent's name as people know it. */
  String title();

  /** The agent's own directory (user or project) that the setup writes into. */
  Path dir();

  /** Whether this is a project's setup ({@code --project DIR}) rather than the user's. */
  boolean forProject();

  /**
   * Whether the agent seems installed: the user's directory exists (the agent ran once); for a
   * project, the project's folder (the agent's folder in it may not exist yet).
   */
  default boolean found() {
    return Files.isDirectory(forProject() ? dir().getParent() : dir());
  }

  void install(PrintWriter out, String hookCommand, String launcher, boolean skill, boolean mcp);

  void uninstall(PrintWriter out);

  /** One line: what is installed. */
  String status();

  /**
   * The setup of {@code --agent NAME}; empty for Claude Code (the default, handled by the commands
   * themselves).
   *
   * @param project the project directory of {@code --project}, empty for the user's files
   */
  static Optional<AgentSetup> of(String agent, Platform platform, Optional<Path> project) {
    return switch (agent.trim().toLowerCase(Locale.ROOT)) {
      case "claude" -> Optional.empty();
      case "codex" -> Optional.of(CodexSetup.of(platform, project));
      case "gemini" -> Optional.of(GeminiSetup.of(platform, project));
      case "copilot" -> Optional.of(CopilotSetup.of(platform, project));
      case "opencode" -> Optional.of(OpenCodeSetup.of(platform, project));
      default -> throw new CliException("--agent " + agent + " is not known: claude, " + String.join(", ", NAMES),
          ExitCode.USAGE);
    };
  }

  /** The error for an agent whose directory is missing: it is not installed, or elsewhere. */
  static CliException notFound(String title, Path dir, String variable) {
    return new CliException(title + "'s directory " + dir + " does not exist: install and run " + title
        + " once first" + (variable.isEmpty() ? "" : " (or set " + variable + ")"));
  }
}
