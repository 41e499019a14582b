package dev.agentmemory.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.hook.ContentText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Gemini CLI's chat recordings ({@code ~/.gemini/tmp/<project>/chats/session-*.jsonl}, subagents in
 * {@code chats/<parent>/<session>.jsonl}, older builds one {@code session-*.json}) as events. A
 * .jsonl file is an append log, not one line per message: a message id can come again (the later
 * line replaces the earlier; tool calls are re-appended that way), {@code $rewindTo} drops a message
 * and all after it, {@code $set} may replace the whole history. The log is replayed first, then the
 * surviving messages become events with ids from the session and the message id, so an import of a
 * grown file adds only what is new. The project is the directory in the project folder's
 * {@code .project_root} marker.
 */
public final class GeminiChats implements Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long sinceMs;
  private final TranscriptEvents events = new TranscriptEvents("gemini", "gemini-chat");

  public GeminiChats(long sinceMs) {
    this.sinceMs = sinceMs;
  }

  @Override
  public List<Path> files(Path root) throws IOException {
    return Transcripts.under(root, path -> {
      String name = path.getFileName().toString();
      boolean inChats = path.toString().contains("chats");
      return inChats && name.endsWith(".jsonl") || name.startsWith("session-") && name.endsWith(".json");
    });
  }

  @Override
  public void read(Path file, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException {
    counts.files++;
    ChatLog log = new ChatLog();
    if (file.toString().endsWith(".json")) {
      counts.lines++;
      try {
        log.record(JSON.readTree(file.toFile()));
      } catch (IOException e) {
        counts.malformed++;
        return;
      }
    } else {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
        JsonLines.read(reader, counts, (node, number) -> log.apply(node));
      }
    }
    if (log.session.isEmpty()) {
      counts.malformed += log.messages.size();
      return;
    }
    String cwd = projectRoot(file).orElse(log.directories.isEmpty() ? "" : log.directories.get(0));
    for (JsonNode message : log.messages.values()) {
      counts.events += take(file, log.session, cwd, message, counts, sink);
    }
  }

  /** A chat as its log has it so far: session, project directories, messages by id in order. */
  private static final class ChatLog {
    private String session = "";
    private final List<String> directories = new ArrayList<>();
    private final Map<String, JsonNode> messages = new LinkedHashMap<>();

    /** An older build's whole {@code ConversationRecord}. */
    void record(JsonNode record) {
      session = record.path("sessionId").asText("");
      record.path("messages").forEach(message -> messages.put(message.path("id").asText(), message));
    }

    /** One line of the log. */
    void apply(JsonNode node) {
      if (node.has("$rewindTo")) {
        String from = node.path("$rewindTo").asText();
        boolean dropping = false;
        for (var it = messages.entrySet().iterator(); it.hasNext(); ) {
          dropping |= it.next().getKey().equals(from);
          if (dropping) {
            it.remove();
          }
        }
      } else if (node.has("$set")) {
        JsonNode set = node.path("$set");
        if (set.path("messages").isArray()) {
          messages.clear();
          set.path("messages").forEach(message -> messages.put(message.path("id").asText(), message));
        }
        session = set.path("sessionId").asText(session);
      } else if (node.has("sessionId") && !node.has("type")) {
        node.path("directories").forEach(dir -> directories.add(dir.asText()));
        session = node.path("sessionId").asText(session);
      } else if (node.has("id") && node.has("type")) {
        // a message id that comes again replaces the earlier line, in its place
        messages.put(node.path("id").asText(), node);
      }
    }
  }

  private int take(Path file, String session, String cwd, JsonNode message, ClaudeTranscripts.Counts counts,
      Consumer<Event> sink) {
    long ts = Transcripts.epochMs(message.path("timestamp").asText());
    String id = message.path("id").asText();
    if (ts <= 0 || id.isEmpty()) {
      counts.malformed++;
      return 0;
    }
    if (ts < sinceMs) {
      counts.skipped++;
      return 0;
    }
    String type = message.path("type").asText();
    String text = partsText(message.has("displayContent") && type.equals("user") ? message.path("displayContent")
        : message.path("content"));
    int taken = 0;
    if (type.equals("user") && !text.isBlank()) {
      sink.accept(events.event(id, session, ts, EventType.USER_MESSAGE, EventRole.USER, text, cwd, file, Map.of()));
      taken++;
    } else if (type.equals("gemini")) {
      if (!text.isBlank()) {
        sink.accept(events.event(id, session, ts, EventType.ASSISTANT_MESSAGE, EventRole.ASSISTANT, text, cwd, file,
            Map.of()));
        taken++;
      }
      for (JsonNode call : message.path("toolCalls")) {
        long callTs = Transcripts.epochMs(call.path("timestamp").asText());
        String name = call.path("name").asText("");
        String result = call.path("resultDisplay").isTextual() ? call.path("resultDisplay").asText()
            : partsText(call.path("result"));
        sink.accept(events.event(id + ":tool:" + call.path("id").asText(), session, callTs > 0 ? callTs : ts,
            EventType.TOOL_RESULT, EventRole.TOOL,
            TranscriptEvents.toolText(name, JSON.convertValue(call.path("args"), Object.class), result), cwd, file,
            Map.of("tool_name", name)));
        taken++;
      }
    }
    if (taken == 0) {
      counts.skipped++;
    }
    return taken;
  }

  private static String partsText(JsonNode content) {
    return ContentText.unwrapped(ContentText.of(JSON.convertValue(content, Object.class)));
  }

  /** The project directory Gemini CLI recorded next to the chats ({@code <project>/.project_root}). */
  private static Optional<String> projectRoot(Path file) {
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      Path marker = dir.resolve(".project_root");
      if (Files.isRegularFile(marker)) {
        try {
          String root = Files.readString(marker).strip();
          return root.isEmpty() ? Optional.empty() : Optional.of(root);
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
