package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.EventExport;
import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.ExportEventsRequest;
import dev.agentmemory.proto.ExportEventsResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.proto.IngestEventsRequest;
import dev.agentmemory.proto.IngestEventsResponse;
import dev.agentmemory.wire.EventMessages;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/** Events in and out: ingest (one or a batch), listing, export. */
final class EventRpcs {
  private final Projects projects;
  private final MemoryOperations operations;

  EventRpcs(Projects projects, MemoryOperations operations) {
    this.projects = projects;
    this.operations = operations;
  }

  void ingestEvent(IngestEventRequest request, StreamObserver<IngestEventResponse> response) {
    Calls.unary("IngestEvent", response, () -> ProtoMapper.toProto(
        projects.forIngest(ProjectHeader.current()).events().ingest(ProtoMapper.toEvent(request))));
  }

  void ingestEvents(IngestEventsRequest request, StreamObserver<IngestEventsResponse> response) {
    Calls.unary("IngestEvents", response, () -> {
      List<Event> batch = new ArrayList<>();
      request.getEventsList().forEach(event -> batch.add(EventMessages.toEvent(event)));
      EventService.BatchResult result = operations.ingest(ProjectHeader.current(), batch);
      return IngestEventsResponse.newBuilder()
          .setCreated(result.created())
          .setDuplicates(result.duplicates())
          .setRejected(result.rejected())
          .addAllErrors(result.errors())
          .build();
    });
  }

  void getEvents(GetEventsRequest request, StreamObserver<GetEventsResponse> response) {
    Calls.unary("GetEvents", response, () -> ProtoMapper.toProto(projects.events(ProjectHeader.current(),
        request.getFromTimestampMs(), request.getToTimestampMs(), request.getLimit(),
        new EventFilter(request.getAgent(), request.getSessionId()))));
  }

  void exportEvents(ExportEventsRequest request, StreamObserver<ExportEventsResponse> response) {
    Calls.unary("ExportEvents", response, () -> {
      EventExport.Page page = EventExport.page(ProjectHeader.store(projects).store().events(),
          request.getFromTimestampMs(),
          request.getToTimestampMs(), request.getAfter(), request.getLimit());
      ExportEventsResponse.Builder answer = ExportEventsResponse.newBuilder().setNext(page.next());
      page.events().forEach(event -> answer.addEvents(EventMessages.toProto(event)));
      return answer.build();
    });
  }
}
