package dev.agentmemory.domain;

/**
 * How many stored events one agent (Claude Code, Codex CLI, ...) wrote, and when the newest of
 * them was stored (wall clock, ms since the epoch; not the event's own time, which an import sets
 * in the past).
 */
public record AgentTally(long events, long lastStoredMs) {
  /** The name events without an agent are counted under. */
  public static final String NONE = "(none)";

  public static String nameOf(String agent) {
    return agent == null || agent.isBlank() ? NONE : agent;
  }

  /** Both tallies as one (the same agent in two stores). */
  public AgentTally add(AgentTally other) {
    return new AgentTally(events + other.events, Math.max(lastStoredMs, other.lastStoredMs));
  }

  public AgentTally plus(long storedMs) {
    return new AgentTally(events + 1, Math.max(lastStoredMs, storedMs));
  }

  public AgentTally minus(long removed) {
    return new AgentTally(Math.max(0, events - removed), lastStoredMs);
  }
}
