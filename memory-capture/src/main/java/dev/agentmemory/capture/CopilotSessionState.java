package dev.agentmemory.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copilot CLI's session logs ({@code ~/.copilot/session-state/<session>/events.jsonl}) as events:
 * user messages, assistant messages with text, and each tool execution with its result (start and
 * completion joined by {@code toolCallId}). The session is the directory's name (or the
 * {@code session.start} line's); the working directory comes from {@code session.start} or the
 * session's {@code workspace.yaml}. Ids come from the session and each line's own {@code id}.
 */
public final class CopilotSessionState implements Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long sinceMs;
  private final TranscriptEvents events = new TranscriptEvents("copilot", "copilot-events");

  public CopilotSessionState(long sinceMs) {
    this.sinceMs = sinceMs;
  }

  @Override
  public List<Path> files(Path root) throws IOException {
    return Transcripts.under(root, path -> path.getFileName().toString().equals("events.jsonl"));
  }

  @Override
  public void read(Path file, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException {
    counts.files++;
    String session = file.getParent() == null ? "" : file.getParent().getFileName().toString();
    Session state = new Session(file, session, workspaceCwd(file.resolveSibling("workspace.yaml")));
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      JsonLines.read(reader, counts, (node, number) -> {
        Event event = state.take(node, counts);
        if (event != null) {
          counts.events++;
          sink.accept(event);
        }
      });
    }
  }

  /** One session's log so far: its id, working directory and tool executions not yet complete. */
  private final class Session {
    private final Path file;
    private String id;
    private String cwd;
    private final Map<String, JsonNode> started = new HashMap<>();

    Session(Path file, String id, String cwd) {
      this.file = file;
      this.id = id;
      this.cwd = cwd;
    }

    /** The event of one line, or null (counted as skipped or malformed). */
    Event take(JsonNode node, ClaudeTranscripts.Counts counts) {
      JsonNode data = node.path("data");
      String type = node.path("type").asText();
      if (type.equals("session.start")) {
        id = data.path("sessionId").asText(id);
        cwd = data.path("context").path("cwd").asText(cwd);
      }
      if (type.equals("tool.execution_start")) {
        started.put(data.path("toolCallId").asText(), data);
      }
      long ts = Transcripts.epochMs(node.path("timestamp").asText());
      String key = node.path("id").asText();
      if (ts <= 0 || key.isEmpty() || id.isEmpty()) {
        counts.malformed++;
        return null;
      }
      Event event = ts < sinceMs ? null : switch (type) {
        case "user.message" -> text(data).isBlank() ? null : events.event(key, id, ts, EventType.USER_MESSAGE,
            EventRole.USER, text(data), cwd, file, Map.of());
        case "assistant.message" -> text(data).isBlank() ? null : events.event(key, id, ts,
            EventType.ASSISTANT_MESSAGE, EventRole.ASSISTANT, text(data), cwd, file, Map.of());
        case "tool.execution_complete" -> {
          JsonNode start = started.remove(data.path("toolCallId").asText());
          String name = start == null ? "" : start.path("toolName").asText("");
          Object input = start == null ? "" : JSON.convertValue(start.path("arguments"), Object.class);
          JsonNode result = data.path("result");
          String output = result.path("content").isTextual() ? result.path("content").asText() : result.toString();
          yield events.event(key, id, ts, EventType.TOOL_RESULT, EventRole.TOOL,
              TranscriptEvents.toolText(name, input, (data.path("success").asBoolean(true) ? "" : "(failed) ") + output),
              cwd, file, Map.of("tool_name", name));
        }
        default -> null;
      };
      if (event == null) {
        counts.skipped++;
      }
      return event;
    }
  }

  private static String text(JsonNode data) {
    return data.path("content").isTextual() ? data.path("content").asText() : "";
  }

  /** The {@code cwd:} of a session's workspace.yaml (a flat YAML map), blank when there is none. */
  private static String workspaceCwd(Path yaml) {
    if (!Files.isRegularFile(yaml)) {
      return "";
    }
    try {
      for (String line : Files.readAllLines(yaml, StandardCharsets.UTF_8)) {
        if (line.startsWith("cwd:")) {
          return line.substring(4).strip().replaceAll("^[\"']|[\"']$", "");
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }
}
