package dev.agentmemory.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.hook.HookEvents;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Codex CLI's rollouts ({@code ~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl}, finished ones possibly
 * zstd-compressed to {@code .jsonl.zst}) as events: the user's and the assistant's messages and
 * each tool call with its output, with their own times and session. Only {@code response_item}
 * lines are read (user turns are also repeated as {@code event_msg}); context Codex injects as user
 * messages (environment, AGENTS.md instructions) is left out. Ids come from the session and the
 * line's position, so importing twice (or the compressed copy of a file) stores everything once.
 */
public final class CodexRollouts implements Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> INJECTED = List.of("<environment_context>", "<user_instructions>", "# AGENTS.md",
      "<INSTRUCTIONS>");

  private final long sinceMs;
  private final TranscriptEvents events = new TranscriptEvents("codex", "codex-rollout");

  /** @param sinceMs lines older than this are skipped (0: none) */
  public CodexRollouts(long sinceMs) {
    this.sinceMs = sinceMs;
  }

  /** Every rollout under {@code root}, in path order; of {@code x.jsonl} and {@code x.jsonl.zst} the plain one. */
  public static List<Path> find(Path root) throws IOException {
    return Transcripts.under(root, path -> path.getFileName().toString().startsWith("rollout-")
        && (path.toString().endsWith(".jsonl")
            || path.toString().endsWith(".jsonl.zst") && !Files.exists(Path.of(path.toString().replaceAll("\\.zst$", "")))));
  }

  @Override
  public List<Path> files(Path root) throws IOException {
    return find(root);
  }

  /** Reads one rollout, handing each event to {@code sink}. */
  @Override
  public void read(Path file, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException {
    counts.files++;
    Rollout rollout = new Rollout(file);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".zst") ? new ZstdInputStream(raw) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      JsonLines.read(reader, counts, (node, number) -> counts.events += rollout.take(node, number, counts, sink));
    }
  }

  /** What one file has told so far: its session, working directory and pending tool calls. */
  private final class Rollout {
    private final Path file;
    private String session = "";
    private String cwd = "";
    private final Map<String, JsonNode> calls = new HashMap<>();

    Rollout(Path file) {
      this.file = file;
    }

    int take(JsonNode line, int number, ClaudeTranscripts.Counts counts, Consumer<Event> sink) {
      JsonNode payload = line.path("payload");
      switch (line.path("type").asText()) {
        case "session_meta" -> {
          session = payload.path("id").asText(session);
          cwd = payload.path("cwd").asText(cwd);
          counts.skipped++;
          return 0;
        }
        case "turn_context" -> {
          cwd = payload.path("cwd").asText(cwd);
          counts.skipped++;
          return 0;
        }
        case "response_item" -> {
          long ts = Transcripts.epochMs(line.path("timestamp").asText());
          if (session.isEmpty() || ts <= 0) {
            counts.malformed++;
            return 0;
          }
          if (ts < sinceMs) {
            counts.skipped++;
            return 0;
          }
          return item(payload, ts, number, counts, sink);
        }
        default -> {
          counts.skipped++;
          return 0;
        }
      }
    }

    private int item(JsonNode item, long ts, int number, ClaudeTranscripts.Counts counts, Consumer<Event> sink) {
      switch (item.path("type").asText()) {
        case "message" -> {
          String role = item.path("role").asText();
          String text = texts(item.path("content"));
          boolean user = role.equals("user");
          if (!user && !role.equals("assistant") || text.isBlank() || user && injected(text)) {
            counts.skipped++;
            return 0;
          }
          sink.accept(event(number, ts, user ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE,
              user ? EventRole.USER : EventRole.ASSISTANT, text, Map.of()));
          return 1;
        }
        case "function_call", "custom_tool_call" -> {
          calls.put(item.path("call_id").asText(), item);
          counts.skipped++;
          return 0;
        }
        case "function_call_output", "custom_tool_call_output" -> {
          JsonNode call = calls.remove(item.path("call_id").asText());
          String name = call == null ? "(unknown)" : call.path("name").asText("(unknown)");
          String input = call == null ? "" : call.has("arguments") ? readable(call.path("arguments").asText())
              : call.path("input").asText();
          String result = outputText(item.path("output"));
          sink.accept(event(number, ts, EventType.TOOL_RESULT, EventRole.TOOL, TranscriptEvents.toolText(name, input, result),
              Map.of("tool_name", name, "tool_use_id", item.path("call_id").asText())));
          return 1;
        }
        default -> {
          counts.skipped++;
          return 0;
        }
      }
    }

    private Event event(int number, long ts, EventType type, EventRole role, String text, Map<String, String> extra) {
      return events.event(Integer.toString(number), session, ts, type, role, text, cwd, file, extra);
    }
  }

  /** The text parts of a message's content ({@code input_text}, {@code output_text}, or plain strings). */
  private static String texts(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      String piece = part.isTextual() ? part.asText() : part.path("text").asText("");
      if (!piece.isBlank()) {
        text.append(text.isEmpty() ? "" : "\n").append(piece);
      }
    }
    return text.toString();
  }

  /**
   * A tool's output: a string, often itself JSON of {@code {"output": ..., "metadata": ...}} (the
   * shell tool), or such an object.
   */
  private static String outputText(JsonNode output) {
    JsonNode node = output;
    if (output.isTextual() && output.asText().startsWith("{")) {
      try {
        node = JSON.readTree(output.asText());
      } catch (IOException e) {
        return output.asText();
      }
    }
    return node.isTextual() ? node.asText() : node.path("output").isTextual() ? node.path("output").asText() : output.asText();
  }

  private static boolean injected(String text) {
    String start = text.stripLeading();
    return INJECTED.stream().anyMatch(start::startsWith);
  }

  /** Function arguments are a JSON string: as a person would read them, else as they are. */
  private static String readable(String arguments) {
    try {
      return HookEvents.readableInput(JSON.convertValue(JSON.readTree(arguments), Object.class));
    } catch (IOException | IllegalArgumentException e) {
      return arguments;
    }
  }
}
