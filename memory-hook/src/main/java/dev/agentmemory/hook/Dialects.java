package dev.agentmemory.hook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Other agents' hook payloads in Claude Code's shape (../shared/spec/other-agents.md), so that one
 * mapping ({@link HookEvents}) serves every agent: event names and field names are translated,
 * JSON-string arguments parsed, tool results reduced to their text. Empty means a payload that is
 * deliberately not captured (events that repeat per streaming chunk, or before a tool ran).
 */
final class Dialects {
  /** Gemini CLI events whose content another event carries complete (AfterModel fires per chunk). */
  private static final List<String> GEMINI_IGNORED = List.of("BeforeTool", "BeforeModel", "AfterModel",
      "BeforeToolSelection");
  /** Copilot CLI events that carry nothing to remember, in either spelling. */
  private static final List<String> COPILOT_IGNORED = List.of("preToolUse", "PreToolUse", "permissionRequest",
      "PermissionRequest", "notification", "Notification");

  private Dialects() {}

  /**
   * @param event the event name given on the command line ({@code --event}; Copilot CLI's
   *     camelCase hooks do not name their event in the payload), blank if none
   * @param platform where Copilot CLI's session state is kept
   */
  static Optional<Map<String, Object>> toClaude(Agent agent, Map<String, Object> payload, String event,
      Platform platform) {
    return switch (agent) {
      case CLAUDE, CODEX -> Optional.of(payload);
      case GEMINI -> gemini(payload);
      case COPILOT -> copilot(payload, event, new CopilotSessions(platform));
      case OPENCODE -> OpenCodeDialect.toClaude(payload);
    };
  }

  private static Optional<Map<String, Object>> gemini(Map<String, Object> payload) {
    Map<String, Object> out = new LinkedHashMap<>(payload);
    String name = text(payload, "hook_event_name");
    if (GEMINI_IGNORED.contains(name)) {
      return Optional.empty();
    }
    switch (name) {
      case "BeforeAgent" -> out.put("hook_event_name", "UserPromptSubmit");
      case "AfterAgent" -> {
        out.put("hook_event_name", "Stop");
        out.put("last_assistant_message", text(payload, "prompt_response"));
        out.remove("prompt");
        out.remove("prompt_response");
      }
      case "AfterTool" -> {
        Map<?, ?> response = payload.get("tool_response") instanceof Map<?, ?> map ? map : Map.of();
        String error = ContentText.of(response.get("error"));
        if (error.isBlank()) {
          Object content = response.get("llmContent") != null ? response.get("llmContent") : response.get("returnDisplay");
          out.put("hook_event_name", "PostToolUse");
          // Gemini CLI 0.61 hands llmContent as the model's text, wrapped (seen with the real client)
          out.put("tool_response", ContentText.unwrapped(ContentText.of(content)));
        } else {
          out.put("hook_event_name", "PostToolUseFailure");
          out.put("error", error);
          out.remove("tool_response");
        }
      }
      case "PreCompress" -> out.put("hook_event_name", "PreCompact");
      case "Notification" -> out.put("title", text(payload, "notification_type"));
      default -> { }
    }
    return Optional.of(out);
  }

  /**
   * Copilot CLI: with camelCase event names in its config the payload has camelCase fields, a
   * timestamp in ms and no event name; with PascalCase names it is Claude Code's snake_case shape.
   * Early builds send no session id; interactive mode fires sessionStart/sessionEnd per prompt.
   */
  private static Optional<Map<String, Object>> copilot(Map<String, Object> payload, String event,
      CopilotSessions sessions) {
    String name = event.isBlank() ? text(payload, "hook_event_name") : event;
    if (name.isBlank()) {
      name = text(payload, "hookEventName");
    }
    if (COPILOT_IGNORED.contains(name)) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>(payload);
    rename(out, "sessionId", "session_id");
    rename(out, "transcriptPath", "transcript_path");
    rename(out, "toolName", "tool_name");
    rename(out, "toolArgs", "tool_input");
    rename(out, "customInstructions", "custom_instructions");
    rename(out, "agentName", "agent_type");
    out.put("tool_input", parsedIfJson(out.get("tool_input")));
    String claudeName = switch (name) {
      case "sessionStart" -> "SessionStart";
      case "sessionEnd" -> "SessionEnd";
      case "userPromptSubmitted" -> "UserPromptSubmit";
      case "postToolUse" -> "PostToolUse";
      case "postToolUseFailure" -> "PostToolUseFailure";
      case "agentStop" -> "Stop";
      case "subagentStart" -> "SubagentStart";
      case "subagentStop" -> "SubagentStop";
      case "preCompact" -> "PreCompact";
      case "errorOccurred" -> "ErrorOccurred";
      default -> name;
    };
    out.put("hook_event_name", claudeName);
    if (out.get("toolResult") instanceof Map<?, ?> result) {
      String resultType = String.valueOf(result.get("resultType"));
      String textResult = ContentText.of(result.get("textResultForLlm"));
      out.remove("toolResult");
      if (resultType.equals("failure") || resultType.equals("denied") || resultType.equals("rejected")) {
        out.put("hook_event_name", "PostToolUseFailure");
        out.put("error", textResult.isBlank() ? resultType : textResult);
      } else {
        out.put("tool_response", textResult);
      }
    }
    if (out.get("error") instanceof Map<?, ?> error) {
      out.put("error", text(error, "message"));
    }
    return sessions.resolve(out);
  }

  /**
   * Codex CLI's legacy {@code notify} payload as two Claude Code payloads: the turn's input
   * messages as a prompt, its last assistant message as the answer. Anything but
   * {@code agent-turn-complete} gives none.
   */
  static List<Map<String, Object>> codexNotify(Map<String, Object> payload) {
    if (!"agent-turn-complete".equals(payload.get("type"))) {
      return List.of();
    }
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("session_id", text(payload, "thread-id"));
    base.put("cwd", text(payload, "cwd"));
    base.put("turn_id", text(payload, "turn-id"));
    List<Map<String, Object>> payloads = new ArrayList<>();
    String input = ContentText.of(payload.get("input-messages"));
    if (!input.isBlank()) {
      Map<String, Object> prompt = new LinkedHashMap<>(base);
      prompt.put("hook_event_name", "UserPromptSubmit");
      prompt.put("prompt", input);
      payloads.add(prompt);
    }
    Map<String, Object> answer = new LinkedHashMap<>(base);
    answer.put("hook_event_name", "Stop");
    answer.put("last_assistant_message", text(payload, "last-assistant-message"));
    payloads.add(answer);
    return payloads;
  }

  /** Tool arguments sent as a JSON-encoded string, parsed; anything else as it is. */
  static Object parsedIfJson(Object value) {
    if (value instanceof String text && text.strip().startsWith("{")) {
      try {
        return JsonTree.parseObject(text.strip());
      } catch (IOException e) {
        return text;
      }
    }
    return value;
  }

  static void rename(Map<String, Object> payload, String from, String to) {
    if (payload.containsKey(from)) {
      Object value = payload.remove(from);
      payload.putIfAbsent(to, value);
    }
  }

  static String text(Map<?, ?> payload, String field) {
    Object value = payload.get(field);
    return value instanceof String s ? s : value == null ? "" : String.valueOf(value);
  }
}
