package dev.agentmemory.hook;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The coding agents whose hooks {@code memory-daemon hook --agent NAME} understands, and how each
 * wants a session's memory handed back on SessionStart.
 */
public enum Agent {
  /** Claude Code: plain text on stdout is added to the session's context. */
  CLAUDE,
  /**
   * Codex CLI (lifecycle hooks, ~/.codex/hooks.json): the same payload fields as Claude Code, no
   * timestamp (the hook stamps arrival); context only as JSON {@code hookSpecificOutput.additionalContext}.
   */
  CODEX,
  /** Gemini CLI (settings.json hooks): stdout must be one JSON object or nothing; ISO timestamps. */
  GEMINI,
  /** Copilot CLI: camelCase or snake_case payloads; what a session-start hook prints is ignored. */
  COPILOT,
  /** OpenCode, through our plugin (it has no command hooks); nothing is printed back. */
  OPENCODE;

  /** The lower-case name events are tagged with. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Agent> named(String name) {
    String tag = name.trim().toLowerCase(Locale.ROOT);
    for (Agent agent : values()) {
      if (agent.tag().equals(tag)) {
        return Optional.of(agent);
      }
    }
    return Optional.empty();
  }

  /**
   * What to print so that this agent adds {@code memory} to the new session's context; empty for
   * agents that ignore a hook's output there.
   */
  Optional<String> sessionStartOutput(String memory) {
    return switch (this) {
      case CLAUDE -> Optional.of(memory);
      case CODEX, GEMINI -> Optional.of(JsonTree.write(Map.of("hookSpecificOutput",
          Map.of("hookEventName", "SessionStart", "additionalContext", memory))) + "\n");
      case COPILOT, OPENCODE -> Optional.empty();
    };
  }
}
