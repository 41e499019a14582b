package dev.agentmemory.daemon.grpc;

import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.storage.EventPage;
import dev.agentmemory.storage.IngestResult;
import dev.agentmemory.domain.InvalidArgumentException;

/** Translates between wire messages and domain records; the only place both meet. */
public final class ProtoMapper {
  private ProtoMapper() {}

  static dev.agentmemory.event.Event toEvent(IngestEventRequest request) {
    if (!request.hasEvent()) {
      throw new InvalidArgumentException("event is required");
    }
    return toEvent(request.getEvent());
  }

  /** An event as the wire carries it, as stored (also what importers read back). */
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

  static IngestEventResponse toProto(IngestResult result) {
    return IngestEventResponse.newBuilder()
        .setEventId(result.eventId())
        .setCreated(result.created())
        .setDeduplicated(false)
        .build();
  }

  static GetEventsResponse toProto(EventPage page) {
    GetEventsResponse.Builder response = GetEventsResponse.newBuilder().setHasMore(page.hasMore());
    page.events().forEach(event -> response.addEvents(toProto(event)));
    return response.build();
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
