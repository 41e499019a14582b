package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.EventService;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * Adapter from {@code memory.MemoryService} to the domain services: map the request, call, map the
 * answer. No state, no storage handles, no business rules. RPCs not overridden here answer
 * UNIMPLEMENTED until their features land.
 */
public final class MemoryGrpcService extends MemoryServiceGrpc.MemoryServiceImplBase {
  private final EventService events;

  public MemoryGrpcService(EventService events) {
    this.events = events;
  }

  @Override
  public void ingestEvent(IngestEventRequest request, StreamObserver<IngestEventResponse> response) {
    run("IngestEvent", response, () -> ProtoMapper.toProto(events.ingest(ProtoMapper.toEvent(request))));
  }

  @Override
  public void getEvents(GetEventsRequest request, StreamObserver<GetEventsResponse> response) {
    run(
        "GetEvents",
        response,
        () -> ProtoMapper.toProto(
            events.events(request.getFromTimestampMs(), request.getToTimestampMs(), request.getLimit())));
  }

  private static <T> void run(String rpc, StreamObserver<T> response, Supplier<T> call) {
    T answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(rpc, e));
      return;
    }
    response.onNext(answer);
    response.onCompleted();
  }
}
