package dev.agentmemory.hook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.agentmemory.event.Event;
import dev.agentmemory.files.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A directory of events written by hooks and taken in by the daemon: one JSON file per event,
 * named {@code <13-digit ms>-<event id>.json} so that name order is time order. A file is written
 * under a temporary name, forced to disk and renamed, so the daemon never sees half an event and a
 * crash loses nothing that was renamed.
 */
public final class Spool {
  private static final JsonFactory JSON = JsonTree.JSON;
  private static final String SUFFIX = ".json";

  private final Path dir;

  public Spool(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Writes one event durably; returns its file. */
  public Path write(Event event) throws IOException {
    PrivateFiles.createDirectories(dir);
    String millis = Long.toString(event.timestampMs());
    String name = "0".repeat(Math.max(0, 13 - millis.length())) + millis + "-" + event.eventId();
    Path temp = dir.resolve("." + name + ".tmp");
    Path target = dir.resolve(name + SUFFIX);
    try (FileChannel channel = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), PrivateFiles.ownerOnlyFile())) {
      ByteBuffer bytes = ByteBuffer.wrap(encode(event));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory();
    return target;
  }

  /**
   * Asks the daemon to forget a session ({@link PrivateSessions}): a small JSON file in {@code
   * forget/}, written whole, which the daemon carries out before it takes in more events.
   */
  public Path requestForget(Map<String, String> request) throws IOException {
    Path file = forgetDir().resolve(String.format("%013d-%s.json", System.currentTimeMillis(), UUID.randomUUID()));
    PrivateFiles.writeAtomically(file, JsonTree.write(request).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** The requests to forget a session, oldest first. */
  public List<Path> forgetRequests() throws IOException {
    return complete(forgetDir());
  }

  /** Where events that could not be stored are put aside. */
  public Path rejectedDir() {
    return dir.resolve("rejected");
  }

  /** The events put aside because they could not be stored, whatever their names. */
  public List<Path> rejected() throws IOException {
    if (!Files.isDirectory(rejectedDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(rejectedDir())) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Where requests to forget a session wait. */
  public Path forgetDir() {
    return dir.resolve("forget");
  }

  /** Spooled files, oldest first (complete ones only). */
  public List<Path> pending() throws IOException {
    return complete(dir);
  }

  /** The complete files of {@code directory} (not the temporary ones being written), in name order. */
  private static List<Path> complete(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> {
        String name = path.getFileName().toString();
        return name.endsWith(SUFFIX) && !name.startsWith(".");
      }).sorted().toList();
    }
  }

  public static Event read(Path file) throws IOException {
    return decode(Files.readAllBytes(file));
  }

  static byte[] encode(Event event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.text().length());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("event_id", event.eventId());
      json.writeStringField("session_id", event.sessionId());
      json.writeNumberField("timestamp_ms", event.timestampMs());
      json.writeNumberField("event_type", event.type());
      json.writeNumberField("role", event.role());
      json.writeStringField("text", event.text());
      json.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
      json.writeStringField("agent", event.agent());
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  static Event decode(byte[] bytes) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonParser json = JSON.createParser(bytes)) {
      expect(json.nextToken() == JsonToken.START_OBJECT, "an object");
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (name.equals("metadata") && value == JsonToken.START_OBJECT) {
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            json.nextToken();
            metadata.put(key, json.getValueAsString(""));
          }
        } else if (value == JsonToken.VALUE_NUMBER_INT) {
          fields.put(name, json.getLongValue());
        } else {
          fields.put(name, json.getValueAsString(""));
          json.skipChildren();
        }
      }
    }
    return new Event(string(fields, "event_id"), string(fields, "session_id"), number(fields, "timestamp_ms"),
        (int) number(fields, "event_type"), (int) number(fields, "role"), string(fields, "text"), metadata,
        string(fields, "agent"));
  }

  private static String string(Map<String, Object> fields, String name) throws IOException {
    Object value = fields.get(name);
    expect(value instanceof String, "a string \"" + name + "\"");
    return (String) value;
  }

  private static long number(Map<String, Object> fields, String name) throws IOException {
    Object value = fields.get(name);
    expect(value instanceof Long, "a number \"" + name + "\"");
    return (Long) value;
  }

  private static void expect(boolean condition, String what) throws IOException {
    if (!condition) {
      throw new IOException("Expected a spooled event with " + what + ", but it is malformed");
    }
  }

  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory; the rename is still atomic there.
    }
  }

  /** Lists and reads in one go (for tools and tests). */
  public List<Event> readAll() throws IOException {
    List<Event> events = new ArrayList<>();
    for (Path file : pending()) {
      events.add(read(file));
    }
    return events;
  }
}
