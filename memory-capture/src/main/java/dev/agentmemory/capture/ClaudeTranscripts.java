package dev.agentmemory.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.event.Ulids;
import dev.agentmemory.hook.GitInfo;
import dev.agentmemory.hook.HookEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads Claude Code transcripts ({@code ~/.claude/projects/<project>/<session>.jsonl}) into events
 * with their original times and sessions: user prompts, assistant text, tool calls and tool
 * results. Lines of other kinds are skipped, malformed ones counted. Ids come from each line's own
 * uuid, so importing twice stores everything once.
 */
public final class ClaudeTranscripts implements Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HookEvents tools = new HookEvents(HookEvents.DEFAULT_TOOL_CHARS);
  private final Map<String, String> projectsByCwd = new HashMap<>();
  private final long sinceMs;

  /** What an import went through. */
  public static final class Counts {
    public int files;
    public long lines;
    public long events;
    public long skipped;
    public long malformed;
  }

  /** @param sinceMs lines older than this are skipped (0: none) */
  public ClaudeTranscripts(long sinceMs) {
    this.sinceMs = sinceMs;
  }

  /** Every transcript under {@code root}, in path order. */
  public static List<Path> find(Path root) throws IOException {
    return Transcripts.under(root, path -> path.toString().endsWith(".jsonl"));
  }

  @Override
  public List<Path> files(Path root) throws IOException {
    return find(root);
  }

  /** Reads one transcript, handing each event to {@code sink}. */
  @Override
  public void read(Path file, Counts counts, Consumer<Event> sink) throws IOException {
    counts.files++;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      JsonLines.read(reader, counts, (node, number) -> counts.events += take(node, file, counts, sink));
    }
  }

  /** The events of one line (0 when it is skipped or malformed, and counted so). */
  private int take(JsonNode node, Path file, Counts counts, Consumer<Event> sink) {
    String type = node.path("type").asText();
    if (!type.equals("user") && !type.equals("assistant") || !node.path("message").isObject()) {
      counts.skipped++;
      return 0;
    }
    long ts = Transcripts.epochMs(node.path("timestamp").asText());
    if (ts <= 0 || node.path("uuid").asText().isEmpty() || node.path("sessionId").asText().isEmpty()) {
      counts.malformed++;
      return 0;
    }
    if (ts < sinceMs) {
      counts.skipped++;
      return 0;
    }
    return emit(node, ts, file, sink);
  }

  private int emit(JsonNode line, long ts, Path file, Consumer<Event> sink) {
    boolean user = line.path("type").asText().equals("user");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("source", "claude-transcript");
    metadata.put("transcript_path", file.toString());
    put(metadata, "cwd", line.path("cwd").asText());
    put(metadata, "git_branch", line.path("gitBranch").asText());
    if (line.path("isSidechain").asBoolean(false)) {
      metadata.put("sidechain", "true");
    }
    if (!line.path("cwd").asText().isEmpty()) {
      // As the hook names it: the git root of the cwd if it is still there, else the cwd's name.
      put(metadata, "project", projectsByCwd.computeIfAbsent(line.path("cwd").asText(),
          cwd -> GitInfo.of(Path.of(cwd)).project()));
    }
    String uuid = line.path("uuid").asText();
    String session = line.path("sessionId").asText();
    JsonNode content = line.path("message").path("content");
    if (content.isTextual()) {
      sink.accept(event(uuid, 0, session, ts, user ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE,
          user ? EventRole.USER : EventRole.ASSISTANT, content.asText(), metadata));
      return 1;
    }
    int made = 0;
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      Map<String, String> blockMetadata = new LinkedHashMap<>(metadata);
      switch (block.path("type").asText()) {
        case "text" -> {
          sink.accept(event(uuid, i, session, ts, user ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE,
              user ? EventRole.USER : EventRole.ASSISTANT, block.path("text").asText(), blockMetadata));
          made++;
        }
        case "tool_use" -> {
          String tool = block.path("name").asText();
          blockMetadata.put("tool_name", tool);
          put(blockMetadata, "tool_use_id", block.path("id").asText());
          Object input = JSON.convertValue(block.path("input"), Object.class);
          sink.accept(event(uuid, i, session, ts, EventType.ASSISTANT_MESSAGE, EventRole.ASSISTANT,
              "Tool call " + tool + ": " + HookEvents.readableInput(input), blockMetadata));
          made++;
        }
        case "tool_result" -> {
          put(blockMetadata, "tool_use_id", block.path("tool_use_id").asText());
          if (block.path("is_error").asBoolean(false)) {
            blockMetadata.put("is_error", "true");
          }
          sink.accept(event(uuid, i, session, ts, EventType.TOOL_RESULT, EventRole.TOOL,
              tools.cut(resultText(block.path("content"))), blockMetadata));
          made++;
        }
        default -> {
          // thinking and other blocks carry no conversation text to keep
        }
      }
    }
    return made;
  }

  private static String resultText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("type").asText().equals("text")) {
        text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
      }
    }
    return text.isEmpty() ? HookEvents.readableResponse(JSON.convertValue(content, Object.class)) : text.toString();
  }

  private static Event event(String uuid, int block, String session, long ts, EventType type, EventRole role,
      String text, Map<String, String> metadata) {
    return new Event(Ulids.fromSeed("claude-transcript:" + uuid + "#" + block), session, ts, type.number(),
        role.number(), text, metadata, "claude");
  }


  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isBlank()) {
      metadata.put(key, value);
    }
  }
}
