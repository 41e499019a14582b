package dev.agentmemory.hook;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.event.Ulids;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a Claude Code hook payload (../shared/spec/claude-code.md) to the event to store. Every
 * field is optional; an unknown event is kept as a generic one rather than dropped. The event id
 * comes from the payload itself, so the same payload never makes two events.
 */
public final class HookEvents {
  /** Tool results are cut to this many characters by default, with a marker. */
  public static final int DEFAULT_TOOL_CHARS = 8_000;
  private static final int TRANSCRIPT_TAIL_BYTES = 512 * 1024;

  private final int toolChars;
  private final String project;
  private final String agent;

  public HookEvents(int toolChars) {
    this(toolChars, "", Agent.CLAUDE);
  }

  /**
   * @param project the project of every event, blank to take it from the payload's cwd
   * @param agent whose hook this is: its name tags every event (Codex CLI's lifecycle hooks send
   *     Claude Code's payload shape, so one mapping serves both)
   */
  public HookEvents(int toolChars, String project, Agent agent) {
    this.toolChars = toolChars;
    this.project = project.trim();
    this.agent = agent.tag();
  }

  /**
   * The event for a payload, or empty when it cannot be one (no session id).
   *
   * @param raw the payload as received (its bytes make the id)
   * @param nowMs when the hook ran: the event's time
   */
  public Optional<Event> map(String raw, Map<String, Object> payload, long nowMs) {
    String session = text(payload, "session_id");
    if (session.isBlank()) {
      return Optional.empty();
    }
    String name = text(payload, "hook_event_name");
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, "hook_event_name", name);
    put(metadata, "cwd", text(payload, "cwd"));
    put(metadata, "transcript_path", text(payload, "transcript_path"));
    Optional<GitInfo> git = text(payload, "cwd").isBlank()
        ? Optional.empty() : Optional.of(GitInfo.of(Path.of(text(payload, "cwd"))));
    // plain conditions, no lambdas: see HookMain.Watchdog
    put(metadata, "project", !project.isBlank() ? project : git.isPresent() ? git.get().project() : "");
    Optional<String> branch = git.isPresent() ? git.get().branch() : Optional.empty();
    if (branch.isPresent()) {
      put(metadata, "git_branch", branch.get());
    }
    Mapped mapped = switch (name) {
      case "SessionStart" -> new Mapped(EventType.SESSION_START, EventRole.SYSTEM,
          "Session started (" + join("source", text(payload, "source"), "model", text(payload, "model")) + ")");
      case "UserPromptSubmit" -> new Mapped(EventType.USER_MESSAGE, EventRole.USER, text(payload, "prompt"));
      case "PostToolUse" -> new Mapped(EventType.TOOL_RESULT, EventRole.TOOL, toolText(payload, metadata, false));
      case "PostToolUseFailure" -> new Mapped(EventType.TOOL_RESULT, EventRole.TOOL, toolText(payload, metadata, true));
      case "Stop" -> new Mapped(EventType.ASSISTANT_STOP, EventRole.ASSISTANT, lastAssistantMessage(payload));
      case "SubagentStart" -> new Mapped(EventType.SUBAGENT_START, EventRole.SYSTEM,
          "Subagent started (" + join("type", text(payload, "agent_type"), "id", text(payload, "agent_id")) + ")");
      case "SubagentStop" -> new Mapped(EventType.SUBAGENT_STOP, EventRole.ASSISTANT, subagentText(payload));
      case "PreCompact", "PostCompact" -> new Mapped(EventType.UNSPECIFIED, EventRole.SYSTEM,
          "Context compacted (" + join("trigger", text(payload, "trigger"), "instructions",
              text(payload, "custom_instructions")) + ")");
      case "SessionEnd" -> new Mapped(EventType.SESSION_END, EventRole.SYSTEM,
          "Session ended (" + join("reason", text(payload, "reason")) + ")");
      case "Notification" -> new Mapped(EventType.UNSPECIFIED, EventRole.SYSTEM,
          join("title", text(payload, "title"), "message", text(payload, "message")));
      default -> new Mapped(EventType.UNSPECIFIED, EventRole.SYSTEM, generic(name, payload));
    };
    for (String field : List.of("agent_id", "agent_type", "source", "model", "reason", "trigger")) {
      put(metadata, field, text(payload, field));
    }
    return Optional.of(new Event(Ulids.fromSeed(raw), session, payloadTime(payload.get("timestamp")).orElse(nowMs),
        mapped.type().number(), mapped.role().number(), mapped.text(), metadata, agent));
  }

  /**
   * When the agent says the event happened: ms since the epoch (Copilot CLI, OpenCode) or ISO 8601
   * (Gemini CLI); empty when absent or not plausible, then the hook's own clock is used.
   */
  static Optional<Long> payloadTime(Object timestamp) {
    long ms = 0;
    if (timestamp instanceof Number number) {
      ms = number.longValue();
    } else if (timestamp instanceof String text && !text.isBlank()) {
      ms = IsoInstant.millis(text.strip()).orElse(0);
    }
    // before 2001 or past 2286: seconds, or garbage
    return ms > 1_000_000_000_000L && ms < 10_000_000_000_000L ? Optional.of(ms) : Optional.empty();
  }

  private record Mapped(EventType type, EventRole role, String text) {}

  private String toolText(Map<String, Object> payload, Map<String, String> metadata, boolean failed) {
    String tool = text(payload, "tool_name");
    put(metadata, "tool_name", tool);
    put(metadata, "tool_use_id", text(payload, "tool_use_id"));
    Object input = payload.get("tool_input");
    if (input instanceof Map<?, ?> map && map.get("file_path") instanceof String file) {
      put(metadata, "file_path", file);
    }
    StringBuilder text = new StringBuilder("Tool ").append(tool.isBlank() ? "(unknown)" : tool);
    text.append(failed ? " failed" : "").append(": ").append(readableInput(input));
    if (failed) {
      text.append("\nError: ").append(text(payload, "error"));
      if (Boolean.TRUE.equals(payload.get("is_interrupt"))) {
        text.append(" (interrupted)");
      }
    } else {
      String response = readableResponse(payload.get("tool_response"));
      if (!response.isBlank()) {
        text.append('\n').append(cut(response));
      }
    }
    return text.toString();
  }

  /**
   * The input of a tool call as a person would read it: the command, the file, the edit; else
   * compact JSON. {@code input} is plain maps, lists and scalars (as parsed JSON).
   */
  public static String readableInput(Object input) {
    if (!(input instanceof Map<?, ?> map)) {
      return input == null ? "" : JsonTree.write(input);
    }
    StringBuilder out = new StringBuilder();
    appendField(out, map, "command");
    appendField(out, map, "description");
    appendField(out, map, "file_path");
    appendField(out, map, "pattern");
    appendField(out, map, "url");
    appendField(out, map, "query");
    if (map.get("old_string") instanceof String old) {
      out.append("\n- ").append(old).append("\n+ ").append(String.valueOf(map.get("new_string")));
    }
    if (map.get("content") instanceof String content) {
      out.append('\n').append(content);
    }
    return out.isEmpty() ? JsonTree.write(map) : out.toString().strip();
  }

  private static void appendField(StringBuilder out, Map<?, ?> map, String field) {
    if (map.get(field) instanceof String value && !value.isBlank()) {
      out.append(out.isEmpty() ? "" : "\n").append(value);
    }
  }

  /** A tool's output and file contents as text; other shapes as compact JSON. */
  public static String readableResponse(Object response) {
    if (response == null) {
      return "";
    }
    if (response instanceof String text) {
      return text;
    }
    if (response instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder();
      if (map.get("stdout") instanceof String stdout) {
        out.append(stdout);
      }
      if (map.get("stderr") instanceof String stderr && !stderr.isBlank()) {
        out.append(out.isEmpty() ? "" : "\n").append(stderr);
      }
      if (map.get("file") instanceof Map<?, ?> file && file.get("content") instanceof String content) {
        out.append(content);
      }
      if (!out.isEmpty()) {
        return out.toString();
      }
    }
    return JsonTree.write(response);
  }

  /**
   * {@code event} with its text cut to at most {@code maxBytes} UTF-8 bytes (marker included),
   * so that an oversize prompt or answer is kept in part rather than refused whole.
   */
  public static Event cutToBytes(Event event, long maxBytes) {
    String text = event.text();
    // most texts are far below the limit: a UTF-8 character takes at most 3 bytes per char
    if ((long) text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return event;
    }
    long budget = Math.max(0, maxBytes - 64); // room for the marker
    int end = 0;
    long bytes = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > budget) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return new Event(event.eventId(), event.sessionId(), event.timestampMs(), event.type(), event.role(),
        cutAt(text, end), event.metadata(), event.agent());
  }

  /** At most the configured number of characters, with a marker saying how many were cut. */
  public String cut(String text) {
    if (text.length() <= toolChars) {
      return text;
    }
    int end = toolChars;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return cutAt(text, end);
  }

  /** The first {@code end} characters of {@code text}, and the marker saying how many follow. */
  private static String cutAt(String text, int end) {
    return text.substring(0, end) + "\n[... cut: " + (text.length() - end) + " more characters]";
  }

  private static String subagentText(Map<String, Object> payload) {
    String message = text(payload, "last_assistant_message");
    String who = join("type", text(payload, "agent_type"), "id", text(payload, "agent_id"));
    return message.isBlank() ? "Subagent finished (" + who + ")" : message;
  }

  /** The answer: from the payload when newer Claude Code sends it, else the transcript's last text. */
  private static String lastAssistantMessage(Map<String, Object> payload) {
    String message = text(payload, "last_assistant_message");
    if (!message.isBlank()) {
      return message;
    }
    String transcript = text(payload, "transcript_path");
    return transcript.isBlank() ? "(no message)" : lastAssistantText(Path.of(transcript)).orElse("(no message)");
  }

  /** The last assistant text of a transcript, reading only its tail. */
  static Optional<String> lastAssistantText(Path transcript) {
    if (!Files.isRegularFile(transcript)) {
      return Optional.empty();
    }
    try (RandomAccessFile file = new RandomAccessFile(transcript.toFile(), "r")) {
      long start = Math.max(0, file.length() - TRANSCRIPT_TAIL_BYTES);
      byte[] tail = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(tail);
      String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        Optional<String> text = assistantText(lines[i]);
        if (text.isPresent()) {
          return text;
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The assistant text of one transcript line: Claude Code's {@code {"type":"assistant","message":
   * {"content":...}}} or Copilot CLI's {@code {"type":"assistant.message","data":{"content":...}}}.
   */
  private static Optional<String> assistantText(String line) {
    if (!line.contains("\"assistant")) {
      return Optional.empty();
    }
    try {
      Map<String, Object> object = JsonTree.parseObject(line);
      if ("assistant.message".equals(object.get("type")) && object.get("data") instanceof Map<?, ?> data) {
        return data.get("content") instanceof String content && !content.isBlank() ? Optional.of(content) : Optional.empty();
      }
      if (!"assistant".equals(object.get("type")) || !(object.get("message") instanceof Map<?, ?> message)) {
        return Optional.empty();
      }
      Object content = message.get("content");
      if (content instanceof String text) {
        return Optional.of(text).filter(t -> !t.isBlank());
      }
      StringBuilder text = new StringBuilder();
      if (content instanceof List<?> blocks) {
        for (Object block : blocks) {
          if (block instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String t) {
            text.append(text.isEmpty() ? "" : "\n").append(t);
          }
        }
      }
      return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String generic(String name, Map<String, Object> payload) {
    Map<String, Object> rest = new LinkedHashMap<>(payload);
    for (String known : List.of("session_id", "transcript_path", "cwd", "hook_event_name", "permission_mode")) {
      rest.remove(known);
    }
    return (name.isBlank() ? "Event" : name) + ": " + JsonTree.write(rest);
  }

  private static String text(Map<String, Object> payload, String field) {
    Object value = payload.get(field);
    return value instanceof String s ? s : value == null ? "" : String.valueOf(value);
  }

  /** "a: x, b: y" of the non-empty ones. */
  private static String join(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (!pairs[i + 1].isBlank()) {
        out.append(out.isEmpty() ? "" : ", ").append(pairs[i]).append(": ").append(pairs[i + 1]);
      }
    }
    return out.toString();
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isBlank()) {
      metadata.put(key, value);
    }
  }
}
