package dev.agentmemory.capture;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.event.Ulids;
import dev.agentmemory.hook.GitInfo;
import dev.agentmemory.hook.HookEvents;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the events an importer reads from one agent's transcripts: tagged with the agent, the
 * source and the file, routed to the project of the working directory (as the live hook names
 * it), with an id from a stable key, so importing twice stores everything once.
 */
final class TranscriptEvents {
  /** Cuts tool output as the live hook does (the same length and marker). */
  private static final HookEvents TOOL_OUTPUT = new HookEvents(HookEvents.DEFAULT_TOOL_CHARS);

  private final String agent;
  private final String source;
  private final Map<String, String> projectsByCwd = new HashMap<>();

  /** @param source what the metadata calls this kind of transcript, also the prefix of every id key */
  TranscriptEvents(String agent, String source) {
    this.agent = agent;
    this.source = source;
  }

  /**
   * @param key unique within the session and stable across imports (a message id, a line number)
   * @param cwd the session's working directory, blank if unknown (then the default store)
   */
  Event event(String key, String session, long ts, EventType type, EventRole role, String text, String cwd,
      Path file, Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>(extra);
    metadata.put("source", source);
    metadata.put("transcript_path", file.toString());
    if (!cwd.isBlank()) {
      metadata.put("cwd", cwd);
      metadata.put("project", projectsByCwd.computeIfAbsent(cwd, dir -> GitInfo.of(Path.of(dir)).project()));
    }
    return new Event(Ulids.fromSeed(source + ":" + session + ":" + key), session, ts, type.number(), role.number(),
        text, metadata, agent);
  }

  /** A tool call as the live hook writes it: "Tool NAME: input" and the (cut) result below. */
  static String toolText(String name, Object input, String result) {
    String readable = input instanceof String text ? text : HookEvents.readableInput(input);
    return "Tool " + (name.isBlank() ? "(unknown)" : name) + ": " + readable
        + (result.isBlank() ? "" : "\n" + TOOL_OUTPUT.cut(result));
  }
}
