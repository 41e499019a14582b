package dev.agentmemory.cli.admin;

import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the live hook already captured of the sessions a transcript import brings in. The hook
 * and the transcript describe the same prompt with different ids (the hook's comes from its
 * payload), so without this an import after live capture would store everything twice. Events are
 * matched by kind (prompt, answer, tool call) and text (a tool call by the agent's id of the call,
 * else by its first line: the tool and its input), as a multiset: a prompt typed twice and captured
 * once is imported once.
 */
final class LiveCaptured {
  /** How far around a transcript's events the hook's copies are looked for. */
  private static final long WINDOW_MS = 60 * 60 * 1000L;
  private static final int PAGE = 1000;
  /** The metadata key of the agent's id of a tool call, on the hook's events and on transcripts'. */
  private static final String CALL_ID = "tool_use_id";

  private final MemoryOperations operations;
  private long leftOut;

  /** @param operations where the stored events are read: the running daemon, or the stores opened here */
  LiveCaptured(MemoryOperations operations) {
    this.operations = operations;
  }

  /** One page of a project's stored events of an agent's session in a time range, oldest first. */
  private List<Event> page(String project, String agent, String session, long fromMs, long toMs) {
    try {
      return operations.events(project, fromMs, toMs, PAGE, new EventFilter(agent, session));
    } catch (NotFoundException e) {
      return List.of(); // the project has no store yet, so nothing of it was captured
    }
  }

  /** Events the hook captured and the import therefore left out, so far. */
  long leftOut() {
    return leftOut;
  }

  /**
   * {@code imported} (one transcript's events, by project) without those the hook captured live. A
   * transcript's separate record of a tool call's request (Claude Code's "Tool call X: input") goes
   * too when the hook has that call: its result event already holds the input.
   */
  List<Event> withoutCaptured(String project, List<Event> imported) {
    Map<String, List<Event>> bySession = new LinkedHashMap<>();
    imported.forEach(event -> bySession.computeIfAbsent(event.sessionId(), s -> new ArrayList<>()).add(event));
    Set<String> importIds = new HashSet<>();
    imported.forEach(event -> importIds.add(event.eventId()));
    List<Event> kept = new ArrayList<>();
    for (List<Event> session : bySession.values()) {
      Live live = live(project, session, importIds);
      for (Event event : session) {
        String key = key(event);
        Integer count = key == null ? null : live.keys().get(key);
        String callId = event.metadata().getOrDefault(CALL_ID, "");
        if (count != null && count > 0) {
          live.keys().put(key, count - 1);
          leftOut++;
        } else if (event.type() != EventType.TOOL_RESULT.number() && live.callIds().contains(callId)) {
          leftOut++;
        } else {
          kept.add(event);
        }
      }
    }
    return kept;
  }

  /** What the hook stored of a session: match keys counted, and the tool calls it holds. */
  private record Live(Map<String, Integer> keys, Set<String> callIds) {}

  /** The session's stored events that are not this import's own (an earlier run's). */
  private Live live(String project, List<Event> session, Set<String> importIds) {
    long from = session.stream().mapToLong(Event::timestampMs).min().orElse(0) - WINDOW_MS;
    long to = session.stream().mapToLong(Event::timestampMs).max().orElse(0) + WINDOW_MS;
    Event first = session.get(0);
    Live live = new Live(new HashMap<>(), new HashSet<>());
    Set<String> seen = new HashSet<>();
    while (true) {
      List<Event> page = page(project, first.agent(), first.sessionId(), Math.max(0, from), to);
      boolean progressed = false;
      for (Event stored : page) {
        if (seen.add(stored.eventId())) {
          progressed = true;
          String key = importIds.contains(stored.eventId()) ? null : key(stored);
          if (key != null) {
            live.keys().merge(key, 1, Integer::sum);
            if (stored.type() == EventType.TOOL_RESULT.number()) {
              live.callIds().add(stored.metadata().getOrDefault(CALL_ID, ""));
            }
          }
        }
      }
      if (page.size() < PAGE || !progressed) {
        live.callIds().remove("");
        return live;
      }
      from = page.get(page.size() - 1).timestampMs();
    }
  }

  /** Kind and text, whitespace folded; null for events that are not matched (session starts and the like). */
  static String key(Event event) {
    String kind;
    String text = event.text();
    if (event.type() == EventType.USER_MESSAGE.number()) {
      kind = "user";
    } else if (event.type() == EventType.ASSISTANT_MESSAGE.number() || event.type() == EventType.ASSISTANT_STOP.number()) {
      kind = "assistant";
    } else if (event.type() == EventType.TOOL_RESULT.number()) {
      // the agent's id of the call where both the hook and the transcript carry it (Claude Code,
      // Codex CLI, OpenCode), else the first line: the tool and its input
      String callId = event.metadata().getOrDefault(CALL_ID, "");
      if (!callId.isBlank()) {
        return "tool-call:" + callId;
      }
      kind = "tool";
      int newline = text.indexOf('\n');
      text = newline < 0 ? text : text.substring(0, newline);
    } else {
      return null;
    }
    String folded = text.replaceAll("\\s+", " ").strip();
    return folded.isEmpty() ? null : kind + ":" + (folded.length() > 2000 ? folded.substring(0, 2000) : folded);
  }
}
