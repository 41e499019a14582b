package dev.agentmemory.daemon;

import dev.agentmemory.event.Event;
import java.util.Locale;

/** Which events a listing keeps: those of one agent and/or one session (blank: any). */
public record EventFilter(String agent, String sessionId) {
  public static final EventFilter ALL = new EventFilter("", "");

  public EventFilter {
    agent = agent == null ? "" : agent.trim().toLowerCase(Locale.ROOT);
    sessionId = sessionId == null ? "" : sessionId.trim();
  }

  public boolean keeps(Event event) {
    return (agent.isEmpty() || agent.equals(event.agent())) && (sessionId.isEmpty() || sessionId.equals(event.sessionId()));
  }
}
