package dev.agentmemory.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.query.EventFormat;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.wire.EventMessages;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The export format: JSON Lines, one event per line with every field under its wire name (enums by
 * name), plus the project whose store holds it. docs/operations.md documents it; import reads it.
 */
final class EventLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventLines() {}

  static String line(Event event, String project) {
    ObjectNode node = EventFormat.json(EventMessages.toProto(event)).put("project", project);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering JSON cannot fail", e);
    }
  }

  /** One line read back; its project is empty when the line names none. */
  record Parsed(Event event, String project) {}

  /**
   * @throws IllegalArgumentException saying what is wrong with the line
   */
  static Parsed parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Map<String, String> metadata = new TreeMap<>();
    JsonNode meta = object.path("metadata");
    if (!meta.isMissingNode() && !meta.isNull()) {
      if (!meta.isObject()) {
        throw new IllegalArgumentException("metadata must be an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = meta.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        metadata.put(field.getKey(), field.getValue().asText());
      }
    }
    Event event = new Event(text(object, "event_id", true), text(object, "session_id", true), timestamp(object),
        number(object, "event_type", name -> EventType.valueOf(name).getNumber()),
        number(object, "role", name -> EventRole.valueOf(name).getNumber()),
        text(object, "text", false), metadata, text(object, "agent", false));
    return new Parsed(event, text(object, "project", false));
  }

  private static String text(ObjectNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is missing");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.asText();
  }

  private static long timestamp(ObjectNode node) {
    JsonNode value = node.get("timestamp_ms");
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("timestamp_ms must be a whole number of milliseconds since the epoch");
    }
    return value.asLong();
  }

  /** An enum field: its wire name (EVENT_ROLE_USER) or number; absent is 0 (unspecified). */
  private static int number(ObjectNode node, String field, ToIntFunction<String> byName) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isIntegralNumber()) {
      return value.asInt();
    }
    try {
      return byName.applyAsInt(value.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " '" + value.asText() + "' is not a known name");
    }
  }
}
