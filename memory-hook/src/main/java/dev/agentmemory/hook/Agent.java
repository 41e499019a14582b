package dev.agentmemory.hook;

import java.util.Arrays;
import java.util.Locale;
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
  CODEX;

  /** The lower-case name events are tagged with. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Agent> named(String name) {
    return Arrays.stream(values()).filter(agent -> agent.tag().equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
  }

  /** What to print so that this agent adds {@code memory} to the new session's context. */
  String sessionStartOutput(String memory) {
    if (this == CLAUDE) {
      return memory;
    }
    return JsonTree.write(java.util.Map.of("hookSpecificOutput",
        java.util.Map.of("hookEventName", "SessionStart", "additionalContext", memory))) + "\n";
  }
}
