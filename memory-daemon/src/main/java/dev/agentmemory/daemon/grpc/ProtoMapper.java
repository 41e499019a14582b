package dev.agentmemory.daemon.grpc;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.storage.EventPage;
import dev.agentmemory.storage.IngestResult;
import dev.agentmemory.wire.EventMessages;

/** Translates between event RPCs' messages and the store's records (events themselves: {@link EventMessages}). */
public final class ProtoMapper {
  private ProtoMapper() {}

  static Event toEvent(IngestEventRequest request) {
    if (!request.hasEvent()) {
      throw new InvalidArgumentException("event is required");
    }
    return EventMessages.toEvent(request.getEvent());
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
    page.events().forEach(event -> response.addEvents(EventMessages.toProto(event)));
    return response.build();
  }
}
