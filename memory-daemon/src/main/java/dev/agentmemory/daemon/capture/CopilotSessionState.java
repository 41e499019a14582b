package dev.agentmemory.daemon.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.EventRole;
import dev.agentmemory.storage.EventType;
import java.io.BufferedReader;
import java.io.IOException;
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
    String cwd = workspaceCwd(file.resolveSibling("workspace.yaml"));
    Map<String, JsonNode> started = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        counts.lines++;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          counts.malformed++;
          continue;
        }
        JsonNode data = node.path("data");
        String type = node.path("type").asText();
        if (type.equals("session.start")) {
          session = data.path("sessionId").asText(session);
          cwd = data.path("context").path("cwd").asText(cwd);
        }
        if (type.equals("tool.execution_start")) {
          started.put(data.path("toolCallId").asText(), data);
        }
        long ts = Transcripts.epochMs(node.path("timestamp").asText());
        String id = node.path("id").asText();
        if (ts <= 0 || id.isEmpty() || session.isEmpty()) {
          counts.malformed++;
          continue;
        }
        Event event = ts < sinceMs ? null : switch (type) {
          case "user.message" -> text(data).isBlank() ? null : events.event(id, session, ts, EventType.USER_MESSAGE,
              EventRole.USER, text(data), cwd, file, Map.of());
          case "assistant.message" -> text(data).isBlank() ? null : events.event(id, session, ts,
              EventType.ASSISTANT_MESSAGE, EventRole.ASSISTANT, text(data), cwd, file, Map.of());
          case "tool.execution_complete" -> {
            JsonNode start = started.remove(data.path("toolCallId").asText());
            String name = start == null ? "" : start.path("toolName").asText("");
            Object input = start == null ? "" : JSON.convertValue(start.path("arguments"), Object.class);
            JsonNode result = data.path("result");
            String output = result.path("content").isTextual() ? result.path("content").asText() : result.toString();
            yield events.event(id, session, ts, EventType.TOOL_RESULT, EventRole.TOOL,
                TranscriptEvents.toolText(name, input, (data.path("success").asBoolean(true) ? "" : "(failed) ") + output),
                cwd, file, Map.of("tool_name", name));
          }
          default -> null;
        };
        if (event == null) {
          counts.skipped++;
        } else {
          counts.events++;
          sink.accept(event);
        }
      }
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
