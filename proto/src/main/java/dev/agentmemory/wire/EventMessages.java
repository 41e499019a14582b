package dev.agentmemory.wire;

import dev.agentmemory.proto.Event;

/** An event as the wire carries it and as every module holds it: the one mapping, for both sides. */
public final class EventMessages {
  private EventMessages() {}

  public static dev.agentmemory.event.Event toEvent(Event event) {
    return new dev.agentmemory.event.Event(
        event.getEventId(),
        event.getSessionId(),
        event.getTimestampMs(),
        event.getEventTypeValue(),
        event.getRoleValue(),
        event.getText(),
        event.getMetadataMap(),
        event.getAgent());
  }

  public static Event toProto(dev.agentmemory.event.Event event) {
    Event.Builder proto =
        Event.newBuilder()
            .setEventId(event.eventId())
            .setSessionId(event.sessionId())
            .setTimestampMs(event.timestampMs())
            .setEventTypeValue(event.type())
            .setRoleValue(event.role())
            .setText(event.text())
            .putAllMetadata(event.metadata());
    if (!event.agent().isEmpty()) {
      proto.setAgent(event.agent());
    }
    return proto.build();
  }
}
