package dev.agentmemory.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * OpenCode's sessions as events, from both of its stores: the SQLite database
 * ({@code ~/.local/share/opencode/opencode*.db}, OpenCode >= 1.2, opened read-only) and the older
 * JSON tree ({@code storage/session/<project>/<session>.json}, {@code storage/message/<session>/},
 * {@code storage/part/<message>/}), which the migration did not always empty. A message's text
 * parts make one event, each tool part (call and result in one) another; ids come from OpenCode's
 * own session, message and part ids, so a session found in both stores is stored once.
 */
public final class OpenCodeStorage implements Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long sinceMs;
  private final TranscriptEvents events = new TranscriptEvents("opencode", "opencode");

  public OpenCodeStorage(long sinceMs) {
    this.sinceMs = sinceMs;
  }

  /** The databases and the session files of the JSON tree under {@code root}. */
  @Override
  public List<Path> files(Path root) throws IOException {
    return Transcripts.under(root, path -> {
      String name = path.getFileName().toString();
      return name.startsWith("opencode") && name.endsWith(".db")
          || name.endsWith(".json") && path.getParent() != null && path.getParent().getParent() != null
              && path.getParent().getParent().getFileName().toString().equals("session");
    });
  }

  @Override
  public void read(Path file, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException {
    counts.files++;
    if (file.getFileName().toString().endsWith(".db")) {
      readDatabase(file, counts, sink);
    } else {
      readTree(file, counts, sink);
    }
  }

  /** One session of the JSON tree: its file, then storage/message/<session>/ and storage/part/<message>/. */
  private void readTree(Path sessionFile, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException {
    JsonNode session = readJson(sessionFile, counts);
    if (session == null) {
      return;
    }
    Path storage = sessionFile.getParent().getParent().getParent();
    String id = session.path("id").asText();
    List<Message> messages = new ArrayList<>();
    for (Path messageFile : jsonFiles(storage.resolve("message").resolve(id))) {
      JsonNode message = readJson(messageFile, counts);
      if (message == null) {
        continue;
      }
      List<JsonNode> parts = new ArrayList<>();
      for (Path partFile : jsonFiles(storage.resolve("part").resolve(message.path("id").asText()))) {
        JsonNode part = readJson(partFile, counts);
        if (part != null) {
          parts.add(part);
        }
      }
      messages.add(new Message(message, parts));
    }
    take(id, session.path("directory").asText(""), sessionFile, messages, counts, sink);
  }

  /** Every session of a database; the message and part rows hold their JSON in {@code data}. */
  private void readDatabase(Path db, ClaudeTranscripts.Counts counts, Consumer<Event> sink) throws IOException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro");
        Statement statement = connection.createStatement()) {
      Map<String, String> directories = new LinkedHashMap<>();
      try (ResultSet rows = statement.executeQuery("SELECT id, directory FROM session ORDER BY id")) {
        while (rows.next()) {
          directories.put(rows.getString(1), rows.getString(2) == null ? "" : rows.getString(2));
        }
      }
      Map<String, List<JsonNode>> partsByMessage = new LinkedHashMap<>();
      try (ResultSet rows = statement.executeQuery("SELECT id, message_id, session_id, data FROM part ORDER BY id")) {
        while (rows.next()) {
          JsonNode part = row(rows, counts);
          if (part != null) {
            partsByMessage.computeIfAbsent(rows.getString(2), k -> new ArrayList<>()).add(part);
          }
        }
      }
      Map<String, List<Message>> bySession = new LinkedHashMap<>();
      try (ResultSet rows = statement.executeQuery("SELECT id, session_id, time_created, data FROM message ORDER BY id")) {
        while (rows.next()) {
          JsonNode message = row(rows, counts);
          if (message != null) {
            bySession.computeIfAbsent(rows.getString(2), k -> new ArrayList<>())
                .add(new Message(message, partsByMessage.getOrDefault(rows.getString(1), List.of())));
          }
        }
      }
      for (Map.Entry<String, List<Message>> session : bySession.entrySet()) {
        take(session.getKey(), directories.getOrDefault(session.getKey(), ""), db, session.getValue(), counts, sink);
      }
    } catch (SQLException e) {
      throw new IOException(db + " is not an OpenCode database this version can read (" + e.getMessage() + ")", e);
    }
  }

  /** A row's {@code data} JSON with the row's id filled in; null (counted malformed) when it is not an object. */
  private static JsonNode row(ResultSet rows, ClaudeTranscripts.Counts counts) throws SQLException {
    counts.lines++;
    try {
      JsonNode data = JSON.readTree(rows.getString("data"));
      if (!(data instanceof ObjectNode object)) {
        counts.malformed++;
        return null;
      }
      object.put("id", rows.getString("id"));
      return object;
    } catch (IOException | RuntimeException e) {
      counts.malformed++;
      return null;
    }
  }

  private record Message(JsonNode info, List<JsonNode> parts) {}

  private void take(String session, String cwd, Path file, List<Message> messages, ClaudeTranscripts.Counts counts,
      Consumer<Event> sink) {
    messages.sort(Comparator.comparing(m -> m.info().path("id").asText()));
    for (Message message : messages) {
      String role = message.info().path("role").asText();
      long ts = message.info().path("time").path("created").asLong(0);
      if (session.isEmpty() || ts <= 0) {
        counts.malformed++;
        continue;
      }
      if (ts < sinceMs) {
        counts.skipped++;
        continue;
      }
      StringBuilder text = new StringBuilder();
      List<JsonNode> parts = new ArrayList<>(message.parts());
      parts.sort(Comparator.comparing(p -> p.path("id").asText()));
      for (JsonNode part : parts) {
        String type = part.path("type").asText();
        if (type.equals("text") && !part.path("synthetic").asBoolean(false) && !part.path("text").asText("").isBlank()) {
          text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
        } else if (type.equals("tool")) {
          JsonNode state = part.path("state");
          long end = state.path("time").path("end").asLong(0);
          String name = part.path("tool").asText("");
          sink.accept(events.event(part.path("id").asText(), session, end > 0 ? end : ts, EventType.TOOL_RESULT,
              EventRole.TOOL, TranscriptEvents.toolText(name, JSON.convertValue(state.path("input"), Object.class),
                  state.path("output").asText(state.path("error").asText(""))), cwd, file,
              Map.of("tool_name", name, "tool_use_id", part.path("callID").asText(""))));
          counts.events++;
        }
      }
      boolean user = role.equals("user");
      if (text.isEmpty() || !user && !role.equals("assistant")) {
        counts.skipped++;
        continue;
      }
      sink.accept(events.event(message.info().path("id").asText(), session, ts,
          user ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE, user ? EventRole.USER : EventRole.ASSISTANT,
          text.toString(), cwd, file, Map.of()));
      counts.events++;
    }
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode readJson(Path file, ClaudeTranscripts.Counts counts) {
    counts.lines++;
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      counts.malformed++;
      return null;
    }
  }
}
