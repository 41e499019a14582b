package dev.agentmemory.cli.query;

import dev.agentmemory.cli.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How events look on the terminal and in {@code --json} output. */
public final class EventFormat {
  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
  private static final int PREVIEW_CHARS = 100;

  private EventFormat() {}

  /** One line: the event's header and the start of its text (whole with --json or `query expand EVENT_ID`). */
  static String line(Event event, ZoneId zone) {
    String text = event.getText().replaceAll("\\s+", " ").strip();
    if (text.length() > PREVIEW_CHARS) {
      int cut = text.lastIndexOf(' ', PREVIEW_CHARS);
      text = text.substring(0, cut > PREVIEW_CHARS / 2 ? cut : PREVIEW_CHARS) + "...";
    }
    return header(event, zone) + " " + text;
  }

  /** The event's header, then its whole text, indented: what a cited event says, not a preview of it. */
  static String whole(Event event, ZoneId zone) {
    StringBuilder out = new StringBuilder(header(event, zone));
    event.getText().strip().lines().forEach(line -> out.append("\n    ").append(line));
    return out.toString();
  }

  private static String header(Event event, ZoneId zone) {
    return String.format("  [%s] %s (%s%s, session %s):", time(event.getTimestampMs(), zone), role(event),
        type(event), event.getAgent().isBlank() ? "" : ", " + event.getAgent(), event.getSessionId());
  }

  static String time(long epochMs, ZoneId zone) {
    return LOCAL_TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
  }

  public static ObjectNode json(Event event) {
    ObjectNode node = Json.object()
        .put("event_id", event.getEventId())
        .put("session_id", event.getSessionId())
        .put("timestamp_ms", event.getTimestampMs())
        .put("event_type", enumName(event.getEventType(), event.getEventTypeValue()))
        .put("role", enumName(event.getRole(), event.getRoleValue()))
        .put("text", event.getText())
        .put("agent", event.getAgent());
    ObjectNode metadata = node.putObject("metadata");
    event.getMetadataMap().forEach(metadata::put);
    return node;
  }

  static ArrayNode json(List<Event> events) {
    ArrayNode array = Json.array();
    events.forEach(event -> array.add(json(event)));
    return array;
  }

  private static String role(Event event) {
    return event.getRole() == EventRole.UNRECOGNIZED
        ? "role " + event.getRoleValue()
        : event.getRole().name().replace("EVENT_ROLE_", "").toLowerCase(Locale.ROOT);
  }

  private static String type(Event event) {
    return event.getEventType() == EventType.UNRECOGNIZED
        ? "type " + event.getEventTypeValue()
        : event.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase(Locale.ROOT);
  }

  private static String enumName(Enum<?> value, int number) {
    return value.name().equals("UNRECOGNIZED") ? Integer.toString(number) : value.name();
  }
}
