package dev.agentmemory.hook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What our OpenCode plugin ({@code agent-memory.js}, V1 plugin API) sends: OpenCode's own hook
 * inputs and bus events, each as {@code {hook_event_name, directory, timestamp (ms), ...}}, in
 * Claude Code's shape. OpenCode keeps the session id in a different place per event; the plugin
 * already merged streaming updates into one {@code message.completed} per assistant message.
 */
final class OpenCodeDialect {
  private OpenCodeDialect() {}

  static Optional<Map<String, Object>> toClaude(Map<String, Object> payload) {
    Map<String, Object> out = new LinkedHashMap<>(payload);
    Map<?, ?> input = map(payload.get("input"));
    Map<?, ?> output = map(payload.get("output"));
    Map<?, ?> properties = map(payload.get("properties"));
    Map<?, ?> info = map(properties.get("info"));
    String name = Dialects.text(payload, "hook_event_name");
    out.put("session_id", sessionId(payload, input, properties, info, name));
    if (Dialects.text(payload, "cwd").isBlank()) {
      String directory = Dialects.text(payload, "directory");
      out.put("cwd", directory.isBlank() ? Dialects.text(info, "directory") : directory);
    }
    switch (name) {
      case "session.created" -> {
        out.put("hook_event_name", "SessionStart");
        out.put("source", Dialects.text(info, "parentID").isBlank() ? "created" : "subagent of " + info.get("parentID"));
      }
      case "chat.message" -> {
        out.put("hook_event_name", "UserPromptSubmit");
        out.put("prompt", textParts(output.get("parts")));
      }
      case "tool.execute.after" -> {
        out.put("hook_event_name", "PostToolUse");
        out.put("tool_name", Dialects.text(input, "tool"));
        out.put("tool_use_id", Dialects.text(input, "callID"));
        out.put("tool_input", Dialects.parsedIfJson(payload.get("args")));
        out.put("tool_response", Dialects.text(output, "output"));
      }
      case "message.completed" -> {
        out.put("hook_event_name", "Stop");
        out.put("last_assistant_message", Dialects.text(payload, "text"));
      }
      case "session.compacted" -> out.put("hook_event_name", "PreCompact");
      case "session.deleted" -> {
        out.put("hook_event_name", "SessionEnd");
        out.put("reason", "deleted");
      }
      case "session.error" -> {
        out.put("hook_event_name", "ErrorOccurred");
        out.put("error", ContentText.of(map(properties.get("error")).get("data")));
      }
      default -> { }
    }
    for (String raw : List.of("input", "output", "properties", "args", "text", "directory", "worktree")) {
      out.remove(raw);
    }
    return Optional.of(out);
  }

  /** The session: a field of the hook input, of the bus event, of its message/part, or the session itself. */
  private static String sessionId(Map<String, Object> payload, Map<?, ?> input, Map<?, ?> properties, Map<?, ?> info,
      String name) {
    for (String candidate : List.of(Dialects.text(payload, "session_id"), Dialects.text(payload, "sessionID"),
        Dialects.text(input, "sessionID"), Dialects.text(properties, "sessionID"),
        name.startsWith("session.") ? Dialects.text(info, "id") : Dialects.text(info, "sessionID"),
        Dialects.text(map(properties.get("part")), "sessionID"))) {
      if (!candidate.isBlank()) {
        return candidate;
      }
    }
    return "";
  }

  /** The text parts of a message (tool, file and synthetic parts left out). */
  private static String textParts(Object parts) {
    StringBuilder text = new StringBuilder();
    if (parts instanceof List<?> list) {
      for (Object part : list) {
        Map<?, ?> p = map(part);
        if ("text".equals(p.get("type")) && !Boolean.TRUE.equals(p.get("synthetic")) && p.get("text") instanceof String t) {
          text.append(text.isEmpty() ? "" : "\n").append(t);
        }
      }
    }
    return text.toString();
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
