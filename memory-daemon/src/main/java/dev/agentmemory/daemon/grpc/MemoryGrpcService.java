package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.EventService;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetNodeResponse;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.GetTocRootResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.toc.TocQuery;
import dev.agentmemory.toc.TocRebuilder;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adapter from {@code memory.MemoryService} to the domain services: map the request, call, map the
 * answer. No state, no storage handles, no business rules. RPCs not overridden here answer
 * UNIMPLEMENTED until their features land.
 */
public final class MemoryGrpcService extends MemoryServiceGrpc.MemoryServiceImplBase {
  private final EventService events;
  private final TocQuery toc;
  private final TocRebuilder rebuilder;

  public MemoryGrpcService(EventService events, TocQuery toc, TocRebuilder rebuilder) {
    this.events = events;
    this.toc = toc;
    this.rebuilder = rebuilder;
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

  @Override
  public void getTocRoot(GetTocRootRequest request, StreamObserver<GetTocRootResponse> response) {
    run("GetTocRoot", response, () -> TocMapper.root(toc.root()));
  }

  @Override
  public void getNode(GetNodeRequest request, StreamObserver<GetNodeResponse> response) {
    // wire-protocol.md: an unknown node is OK with the node unset, not NOT_FOUND.
    run("GetNode", response, () -> {
      GetNodeResponse.Builder answer = GetNodeResponse.newBuilder();
      toc.node(request.getNodeId()).ifPresent(node -> answer.setNode(TocMapper.toProto(node)));
      return answer.build();
    });
  }

  @Override
  public void browseToc(BrowseTocRequest request, StreamObserver<BrowseTocResponse> response) {
    run("BrowseToc", response, () -> TocMapper.page(toc.browse(request.getParentId(), request.getLimit(),
        request.hasContinuationToken() ? request.getContinuationToken() : null)));
  }

  @Override
  public void expandGrip(ExpandGripRequest request, StreamObserver<ExpandGripResponse> response) {
    // wire-protocol.md: an unknown grip is OK with the grip unset.
    run("ExpandGrip", response, () -> toc.expand(request.getGripId(),
            request.hasEventsBefore() ? request.getEventsBefore() : null,
            request.hasEventsAfter() ? request.getEventsAfter() : null)
        .map(TocMapper::expansion)
        .orElse(ExpandGripResponse.getDefaultInstance()));
  }

  @Override
  public void rebuildToc(RebuildTocRequest request, StreamObserver<RebuildTocProgress> response) {
    try {
      Optional<LocalDate> from = TocRebuilder.parseFromDate(request.getFromDate());
      if (request.getDryRun()) {
        response.onNext(RebuildMessages.of(rebuilder.plan(from), 0, true));
      } else {
        TocRebuilder.Plan plan = rebuilder.rebuild(from,
            progress -> response.onNext(RebuildMessages.of(progress.plan(), progress.done(), false)));
        response.onNext(RebuildMessages.of(plan, plan.events(), true));
      }
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus("RebuildToc", e));
    }
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
