package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.Projects;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.ExpandEventRequest;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetNodeResponse;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.GetTocRootResponse;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.toc.TocRebuilder;
import io.grpc.stub.StreamObserver;

/** The table of contents: root, nodes, browsing, grips and events expanded, rebuild. */
final class TocRpcs {
  private final Projects projects;
  private final MemoryOperations operations;

  TocRpcs(Projects projects, MemoryOperations operations) {
    this.projects = projects;
    this.operations = operations;
  }

  void getTocRoot(GetTocRootRequest request, StreamObserver<GetTocRootResponse> response) {
    Calls.unary("GetTocRoot", response, () -> TocMapper.root(ProjectHeader.store(projects).toc().root()));
  }

  void getNode(GetNodeRequest request, StreamObserver<GetNodeResponse> response) {
    // wire-protocol.md: an unknown node is OK with the node unset, not NOT_FOUND.
    Calls.unary("GetNode", response, () -> {
      GetNodeResponse.Builder answer = GetNodeResponse.newBuilder();
      ProjectHeader.store(projects).toc().node(request.getNodeId())
          .ifPresent(node -> answer.setNode(TocMapper.toProto(node)));
      return answer.build();
    });
  }

  void browseToc(BrowseTocRequest request, StreamObserver<BrowseTocResponse> response) {
    Calls.unary("BrowseToc", response, () -> TocMapper.page(ProjectHeader.store(projects).toc().browse(
        request.getParentId(), request.getLimit(), request.hasContinuationToken() ? request.getContinuationToken() : null)));
  }

  void expandGrip(ExpandGripRequest request, StreamObserver<ExpandGripResponse> response) {
    // wire-protocol.md: an unknown grip is OK with the grip unset.
    Calls.unary("ExpandGrip", response, () -> ProjectHeader.store(projects).toc().expand(request.getGripId(),
            request.hasEventsBefore() ? request.getEventsBefore() : null,
            request.hasEventsAfter() ? request.getEventsAfter() : null)
        .map(TocMapper::expansion)
        .orElse(ExpandGripResponse.getDefaultInstance()));
  }

  void expandEvent(ExpandEventRequest request, StreamObserver<ExpandGripResponse> response) {
    Calls.unary("ExpandEvent", response, () -> ProjectHeader.store(projects).toc().expandEvent(request.getEventId(),
            request.hasEventsBefore() ? request.getEventsBefore() : null,
            request.hasEventsAfter() ? request.getEventsAfter() : null)
        .map(TocMapper::expansion)
        .orElseThrow(() -> new NotFoundException("No event " + request.getEventId().trim() + " in this store")));
  }

  void rebuildToc(RebuildTocRequest request, StreamObserver<RebuildTocProgress> response) {
    try {
      operations.rebuildToc(ProjectHeader.current(), TocRebuilder.parseFromDate(request.getFromDate()),
          request.getDryRun(), progress -> response.onNext(RebuildMessages.of(progress)));
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus("RebuildToc", e));
    }
  }
}
