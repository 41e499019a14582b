package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.CompactStoreResponse;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.GetNodeRequest;
import dev.agentmemory.proto.GetNodeResponse;
import dev.agentmemory.proto.GetSchedulerStatusRequest;
import dev.agentmemory.proto.GetSchedulerStatusResponse;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.GetTocRootResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.proto.IngestEventsRequest;
import dev.agentmemory.proto.IngestEventsResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.PauseJobRequest;
import dev.agentmemory.proto.PauseJobResponse;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.proto.ResetJobCheckpointRequest;
import dev.agentmemory.proto.ResetJobCheckpointResponse;
import dev.agentmemory.proto.ResumeJobRequest;
import dev.agentmemory.proto.ResumeJobResponse;
import dev.agentmemory.proto.RunJobRequest;
import dev.agentmemory.proto.RunJobResponse;
import dev.agentmemory.scheduler.MemoryScheduler;
import dev.agentmemory.scheduler.UnknownJobException;
import dev.agentmemory.toc.TocRebuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adapter from {@code memory.MemoryService} to the domain services: find the call's store (its
 * {@link ProjectHeader}), map the request, call, map the answer. No storage handles, no business
 * rules.
 */
public final class MemoryGrpcService extends MemoryServiceGrpc.MemoryServiceImplBase {
  private final Projects projects;
  private final MemoryScheduler scheduler;

  private MemoryGrpcService(Projects projects, MemoryScheduler scheduler) {
    this.projects = projects;
    this.scheduler = scheduler;
  }

  /** The service, reading each call's project header. */
  public static ServerServiceDefinition definition(Projects projects, MemoryScheduler scheduler) {
    return ServerInterceptors.intercept(new MemoryGrpcService(projects, scheduler), new ProjectHeader());
  }

  /** The store the call reads or maintains. */
  private ProjectStore store() {
    return projects.forRead(ProjectHeader.current());
  }

  @Override
  public void ingestEvent(IngestEventRequest request, StreamObserver<IngestEventResponse> response) {
    run("IngestEvent", response, () -> ProtoMapper.toProto(
        projects.forIngest(ProjectHeader.current()).events().ingest(ProtoMapper.toEvent(request))));
  }

  @Override
  public void getEvents(GetEventsRequest request, StreamObserver<GetEventsResponse> response) {
    run("GetEvents", response, () -> ProtoMapper.toProto(projects.events(ProjectHeader.current(),
        request.getFromTimestampMs(), request.getToTimestampMs(), request.getLimit())));
  }

  @Override
  public void getTocRoot(GetTocRootRequest request, StreamObserver<GetTocRootResponse> response) {
    run("GetTocRoot", response, () -> TocMapper.root(store().toc().root()));
  }

  @Override
  public void getNode(GetNodeRequest request, StreamObserver<GetNodeResponse> response) {
    // wire-protocol.md: an unknown node is OK with the node unset, not NOT_FOUND.
    run("GetNode", response, () -> {
      GetNodeResponse.Builder answer = GetNodeResponse.newBuilder();
      store().toc().node(request.getNodeId()).ifPresent(node -> answer.setNode(TocMapper.toProto(node)));
      return answer.build();
    });
  }

  @Override
  public void browseToc(BrowseTocRequest request, StreamObserver<BrowseTocResponse> response) {
    run("BrowseToc", response, () -> TocMapper.page(store().toc().browse(request.getParentId(), request.getLimit(),
        request.hasContinuationToken() ? request.getContinuationToken() : null)));
  }

  @Override
  public void expandGrip(ExpandGripRequest request, StreamObserver<ExpandGripResponse> response) {
    // wire-protocol.md: an unknown grip is OK with the grip unset.
    run("ExpandGrip", response, () -> store().toc().expand(request.getGripId(),
            request.hasEventsBefore() ? request.getEventsBefore() : null,
            request.hasEventsAfter() ? request.getEventsAfter() : null)
        .map(TocMapper::expansion)
        .orElse(ExpandGripResponse.getDefaultInstance()));
  }

  @Override
  public void rebuildToc(RebuildTocRequest request, StreamObserver<RebuildTocProgress> response) {
    try {
      Optional<LocalDate> from = TocRebuilder.parseFromDate(request.getFromDate());
      TocRebuilder rebuilder = store().rebuilder();
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

  @Override
  public void getSchedulerStatus(GetSchedulerStatusRequest request, StreamObserver<GetSchedulerStatusResponse> response) {
    run("GetSchedulerStatus", response, () -> AdminMapper.status(scheduler.isRunning(), scheduler.status()));
  }

  @Override
  public void pauseJob(PauseJobRequest request, StreamObserver<PauseJobResponse> response) {
    // wire-protocol.md: an unknown job is success=false with an error naming the known jobs.
    run("PauseJob", response, () -> {
      Optional<String> error = jobCall(() -> scheduler.pause(request.getJobName()));
      PauseJobResponse.Builder answer = PauseJobResponse.newBuilder().setSuccess(error.isEmpty());
      error.ifPresent(answer::setError);
      return answer.build();
    });
  }

  @Override
  public void resumeJob(ResumeJobRequest request, StreamObserver<ResumeJobResponse> response) {
    run("ResumeJob", response, () -> {
      Optional<String> error = jobCall(() -> scheduler.resume(request.getJobName()));
      ResumeJobResponse.Builder answer = ResumeJobResponse.newBuilder().setSuccess(error.isEmpty());
      error.ifPresent(answer::setError);
      return answer.build();
    });
  }

  @Override
  public void runJob(RunJobRequest request, StreamObserver<RunJobResponse> response) {
    run("RunJob", response, () -> {
      Optional<String> error = jobCall(() -> scheduler.runNow(request.getJobName()));
      RunJobResponse.Builder answer = RunJobResponse.newBuilder().setSuccess(error.isEmpty());
      error.ifPresent(answer::setError);
      return answer.build();
    });
  }

  @Override
  public void resetJobCheckpoint(
      ResetJobCheckpointRequest request, StreamObserver<ResetJobCheckpointResponse> response) {
    run("ResetJobCheckpoint", response, () -> {
      ResetJobCheckpointResponse.Builder answer = ResetJobCheckpointResponse.newBuilder();
      try {
        answer.setSuccess(true).setDescription(store().admin().resetCheckpoint(request.getJobName()));
      } catch (UnknownJobException e) {
        answer.setSuccess(false).setError(e.getMessage());
      }
      return answer.build();
    });
  }

  @Override
  public void getStoreStats(GetStoreStatsRequest request, StreamObserver<GetStoreStatsResponse> response) {
    run("GetStoreStats", response, () -> {
      ProjectStore store = store();
      return AdminMapper.stats(store.admin().stats(), store.admin().summarizerUsage()).toBuilder()
          .setRedactions(store.admin().redactions())
          .setProject(store.name())
          .addAllProjects(projects.names())
          .build();
    });
  }

  @Override
  public void compactStore(CompactStoreRequest request, StreamObserver<CompactStoreResponse> response) {
    run("CompactStore", response, () -> {
      long start = System.nanoTime();
      List<String> compacted = store().admin().compact(request.getColumnFamily());
      return CompactStoreResponse.newBuilder()
          .addAllCompacted(compacted)
          .setDurationMs((System.nanoTime() - start) / 1_000_000)
          .build();
    });
  }

  @Override
  public void ingestEvents(IngestEventsRequest request, StreamObserver<IngestEventsResponse> response) {
    run("IngestEvents", response, () -> {
      List<dev.agentmemory.event.Event> batch = new java.util.ArrayList<>();
      request.getEventsList().forEach(event -> batch.add(ProtoMapper.toEvent(event)));
      EventService.BatchResult result = projects.forIngest(ProjectHeader.current()).events().ingestAll(batch);
      return IngestEventsResponse.newBuilder()
          .setCreated(result.created())
          .setDuplicates(result.duplicates())
          .setRejected(result.rejected())
          .addAllErrors(result.errors())
          .build();
    });
  }

  /** Runs a call on a named job; an unknown name becomes the error text. */
  private static Optional<String> jobCall(Runnable call) {
    try {
      call.run();
      return Optional.empty();
    } catch (UnknownJobException e) {
      return Optional.of(e.getMessage());
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
