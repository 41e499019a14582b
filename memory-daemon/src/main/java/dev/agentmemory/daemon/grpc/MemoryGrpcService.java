package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.EventExport;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.operations.LocalOperations;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.CompactStoreResponse;
import dev.agentmemory.proto.ExpandEventRequest;
import dev.agentmemory.proto.ExportEventsRequest;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.ForgetResponse;
import dev.agentmemory.proto.ExportEventsResponse;
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
import dev.agentmemory.proto.GetVectorIndexStatusRequest;
import dev.agentmemory.proto.HybridSearchRequest;
import dev.agentmemory.proto.HybridSearchResponse;
import dev.agentmemory.proto.RebuildIndexProgress;
import dev.agentmemory.proto.RebuildIndexRequest;
import dev.agentmemory.proto.SearchChildrenRequest;
import dev.agentmemory.proto.VerifyStoresRequest;
import dev.agentmemory.proto.VerifyStoresResponse;
import dev.agentmemory.proto.SearchChildrenResponse;
import dev.agentmemory.proto.SearchNodeRequest;
import dev.agentmemory.proto.SearchNodeResponse;
import dev.agentmemory.proto.SearchNodeResult;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TeleportSearchRequest;
import dev.agentmemory.proto.TeleportSearchResponse;
import dev.agentmemory.proto.TeleportSearchResult;
import dev.agentmemory.proto.TocLevel;
import dev.agentmemory.proto.VectorIndexStatus;
import dev.agentmemory.proto.VectorTeleportRequest;
import dev.agentmemory.proto.VectorTeleportResponse;
import dev.agentmemory.daemon.NodeSearch;
import dev.agentmemory.daemon.SearchService;
import dev.agentmemory.search.SearchAnswer;
import dev.agentmemory.search.SearchRequest;
import dev.agentmemory.search.StoreSearch;
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
import dev.agentmemory.storage.InvalidArgumentException;
import dev.agentmemory.storage.NotFoundException;
import dev.agentmemory.toc.TocRebuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Adapter from {@code memory.MemoryService} to the domain services: find the call's store (its
 * {@link ProjectHeader}), map the request, call, map the answer. No storage handles, no business
 * rules.
 */
public final class MemoryGrpcService extends MemoryServiceGrpc.MemoryServiceImplBase {
  private final Projects projects;
  private final MemoryScheduler scheduler;
  private final SearchService search;
  private final dev.agentmemory.daemon.DaemonServices services;
  private final MemoryOperations operations;

  private MemoryGrpcService(dev.agentmemory.daemon.DaemonServices services) {
    this.projects = services.projects();
    this.scheduler = services.scheduler();
    this.search = services.search();
    this.services = services;
    this.operations = LocalOperations.of(services);
  }

  /** The service over {@code services}, reading each call's project header. */
  public static ServerServiceDefinition definition(dev.agentmemory.daemon.DaemonServices services) {
    return ServerInterceptors.intercept(
        new MemoryGrpcService(services), new ProjectHeader());
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
        request.getFromTimestampMs(), request.getToTimestampMs(), request.getLimit(),
        new dev.agentmemory.daemon.EventFilter(request.getAgent(), request.getSessionId()))));
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
  public void expandEvent(ExpandEventRequest request, StreamObserver<ExpandGripResponse> response) {
    run("ExpandEvent", response, () -> store().toc().expandEvent(request.getEventId(),
            request.hasEventsBefore() ? request.getEventsBefore() : null,
            request.hasEventsAfter() ? request.getEventsAfter() : null)
        .map(TocMapper::expansion)
        .orElseThrow(() -> new NotFoundException("No event " + request.getEventId().trim() + " in this store")));
  }

  @Override
  public void rebuildToc(RebuildTocRequest request, StreamObserver<RebuildTocProgress> response) {
    try {
      operations.rebuildToc(ProjectHeader.current(), TocRebuilder.parseFromDate(request.getFromDate()),
          request.getDryRun(), progress -> response.onNext(RebuildMessages.of(progress)));
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
        answer.setSuccess(true).setDescription(operations.resetCheckpoint(ProjectHeader.current(), request.getJobName()));
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
      GetStoreStatsResponse.Builder stats = AdminMapper.stats(store.admin().stats(), store.admin().summarizerUsage())
          .toBuilder()
          .setRedactions(store.admin().redactions())
          .setProject(store.name())
          .addAllProjects(projects.names())
          .setSearchModel(search.modelStatus())
          .addAllAudit(store.store().checkpoints().audit());
      store.search().ifPresent(index -> {
        StoreSearch.Stats searchStats = index.stats();
        stats.setSearchDocuments(searchStats.documents()).setSearchVectors(searchStats.vectors())
            .setSearchPendingVectors(searchStats.pendingVectors()).setSearchIndexBytes(searchStats.sizeBytes())
            .setSearchBehind(searchStats.behind());
        index.rebuiltBecause().ifPresent(reason -> stats.addWarnings("The search index was rebuilt: " + reason));
      });
      return stats.build();
    });
  }

  @Override
  public void compactStore(CompactStoreRequest request, StreamObserver<CompactStoreResponse> response) {
    run("CompactStore", response, () -> {
      long start = System.nanoTime();
      List<String> compacted = operations.compact(ProjectHeader.current(), request.getColumnFamily());
      return CompactStoreResponse.newBuilder()
          .addAllCompacted(compacted)
          .setDurationMs((System.nanoTime() - start) / 1_000_000)
          .build();
    });
  }

  @Override
  public void backup(BackupRequest request, StreamObserver<BackupResponse> response) {
    run("Backup", response, () -> AdminMapper.backup(operations.backup(
        request.getDest().isBlank() ? Optional.empty() : Optional.of(request.getDest().trim()),
        request.getKeep() > 0 ? OptionalInt.of(request.getKeep()) : OptionalInt.empty())));
  }

  @Override
  public void exportEvents(ExportEventsRequest request, StreamObserver<ExportEventsResponse> response) {
    run("ExportEvents", response, () -> {
      EventExport.Page page = EventExport.page(store().store().events(), request.getFromTimestampMs(),
          request.getToTimestampMs(), request.getAfter(), request.getLimit());
      ExportEventsResponse.Builder answer = ExportEventsResponse.newBuilder().setNext(page.next());
      page.events().forEach(event -> answer.addEvents(ProtoMapper.toProto(event)));
      return answer.build();
    });
  }

  @Override
  public void forget(ForgetRequest request, StreamObserver<ForgetResponse> response) {
    run("Forget", response, () -> {
      String project = ProjectHeader.current();
      if (request.getWholeProject()) {
        if (project.isBlank() || !request.getSessionId().isBlank() || !request.getEventId().isBlank()
            || request.getBeforeMs() != 0) {
          throw new InvalidArgumentException(
              "whole_project takes no session_id, event_id or before_ms, and needs the x-memory-project header");
        }
        return AdminMapper.forget(operations.forget(project, Optional.empty(), request.getDryRun()));
      }
      if (request.getBeforeMs() < 0) {
        throw new InvalidArgumentException("before_ms must be a time in ms since the epoch, got " + request.getBeforeMs());
      }
      Forgetting.Selection what = Forgetting.Selection.of(request.getSessionId(), request.getEventId(),
          request.getBeforeMs());
      return AdminMapper.forget(operations.forget(project, Optional.of(what), request.getDryRun()));
    });
  }

  @Override
  public void verifyStores(VerifyStoresRequest request, StreamObserver<VerifyStoresResponse> response) {
    run("VerifyStores", response, () -> AdminMapper.verification(services.verify()));
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

  @Override
  public void search(dev.agentmemory.proto.SearchRequest request, StreamObserver<SearchResponse> response) {
    run("Search", response, () -> SearchMapper.response(
        search.searchWithModelStage(SearchMapper.query(request, ProjectHeader.current()))));
  }

  @Override
  public void hybridSearch(HybridSearchRequest request, StreamObserver<HybridSearchResponse> response) {
    run("HybridSearch", response, () -> {
      float weight = request.hasBm25Weight() ? request.getBm25Weight()
          : request.hasVectorWeight() ? 1 - request.getVectorWeight() : SearchRequest.DEFAULT_BM25_WEIGHT;
      SearchAnswer answer = search.search(new SearchService.Query(request.getQuery(),
          SearchMapper.mode(request.getMode(), "mode"), SearchRequest.Fusion.WEIGHTED, specCount(request.getTopK()),
          Optional.of(weight), SearchMapper.start(request.hasTimeFilter(), request.getTimeFilter()),
          SearchMapper.end(request.hasTimeFilter(), request.getTimeFilter()), agent(request.hasAgentFilter(),
          request.getAgentFilter()), SearchMapper.types(request.getTarget(), ALL_TYPES), 0f, ProjectHeader.current(),
          false));
      HybridSearchResponse.Builder answerProto = HybridSearchResponse.newBuilder()
          .setModeUsed(SearchMapper.mode(answer.modeUsed()))
          .setBm25Available(answer.bm25Available())
          .setVectorAvailable(answer.vectorAvailable());
      answer.hits().forEach(hit -> answerProto.addMatches(SearchMapper.vectorMatch(hit)));
      return answerProto.build();
    });
  }

  @Override
  public void vectorTeleport(VectorTeleportRequest request, StreamObserver<VectorTeleportResponse> response) {
    run("VectorTeleport", response, () -> {
      if (request.getMinScore() < 0 || request.getMinScore() > 1) {
        throw new dev.agentmemory.storage.InvalidArgumentException(
            "min_score must be between 0 and 1, got " + request.getMinScore());
      }
      SearchAnswer answer = search.search(new SearchService.Query(request.getQuery(), SearchRequest.Mode.VECTOR,
          SearchRequest.Fusion.WEIGHTED, specCount(request.getTopK()), Optional.empty(),
          SearchMapper.start(request.hasTimeFilter(), request.getTimeFilter()),
          SearchMapper.end(request.hasTimeFilter(), request.getTimeFilter()),
          agent(request.hasAgentFilter(), request.getAgentFilter()), SearchMapper.types(request.getTarget(), ALL_TYPES),
          request.getMinScore(), ProjectHeader.current(), false));
      VectorTeleportResponse.Builder answerProto = VectorTeleportResponse.newBuilder()
          .setIndexStatus(vectorStatus());
      answer.hits().forEach(hit -> answerProto.addMatches(SearchMapper.vectorMatch(hit)));
      return answerProto.build();
    });
  }

  @Override
  public void teleportSearch(TeleportSearchRequest request, StreamObserver<TeleportSearchResponse> response) {
    run("TeleportSearch", response, () -> {
      SearchAnswer answer = search.search(new SearchService.Query(request.getQuery(), SearchRequest.Mode.BM25,
          SearchRequest.Fusion.WEIGHTED, specCount(request.getLimit()), Optional.empty(), Optional.empty(), Optional.empty(),
          agent(request.hasAgentFilter(), request.getAgentFilter()), SearchMapper.types(request.getDocType()), 0f,
          ProjectHeader.current(), false));
      TeleportSearchResponse.Builder answerProto = TeleportSearchResponse.newBuilder().setTotalDocs(answer.totalDocs());
      answer.hits().forEach(hit -> {
        TeleportSearchResult.Builder result = TeleportSearchResult.newBuilder()
            .setDocId(hit.docId())
            .setDocType(SearchMapper.docType(hit.type()))
            .setScore(hit.score())
            .setTimestampMs(hit.timestampMs());
        if (!hit.agent().isEmpty()) {
          result.setAgent(hit.agent());
        }
        answerProto.addResults(result);
      });
      return answerProto.build();
    });
  }

  @Override
  public void getVectorIndexStatus(GetVectorIndexStatusRequest request, StreamObserver<VectorIndexStatus> response) {
    run("GetVectorIndexStatus", response, this::vectorStatus);
  }

  private VectorIndexStatus vectorStatus() {
    ProjectStore store = store();
    VectorIndexStatus.Builder status = VectorIndexStatus.newBuilder()
        .setDimension(384)
        .setModelStatus(search.modelStatus())
        .setAvailable(search.modelStatus().equals("ready"));
    store.search().ifPresent(index -> {
      StoreSearch.Stats stats = index.stats();
      status.setVectorCount(stats.vectors()).setSizeBytes(stats.sizeBytes())
          .setIndexPath(StoreSearch.directoryOf(store.store()).toString());
    });
    return status.build();
  }

  @Override
  public void searchNode(SearchNodeRequest request, StreamObserver<SearchNodeResponse> response) {
    run("SearchNode", response, () -> {
      // search-protocol.md: an empty query finds nothing; an unknown node is not an error
      SearchNodeResponse.Builder answer = SearchNodeResponse.newBuilder().setNodeId(request.getNodeId());
      new NodeSearch(store().store()).inNode(request.getNodeId(), request.getQuery(),
          SearchMapper.fields(request.getFieldsList(), "fields"), request.getLimit(), request.getTokenBudget()).ifPresent(result -> {
            answer.setLevel(TocMapper.level(result.node().level()));
            answer.setMatched(!result.matches().isEmpty());
            result.matches().forEach(match -> answer.addMatches(SearchMapper.match(match)));
          });
      return answer.build();
    });
  }

  @Override
  public void searchChildren(SearchChildrenRequest request, StreamObserver<SearchChildrenResponse> response) {
    run("SearchChildren", response, () -> {
      if (request.getChildLevel() == TocLevel.UNRECOGNIZED) {
        throw new dev.agentmemory.storage.InvalidArgumentException(
            "child_level " + request.getChildLevelValue() + " is not a TocLevel (0-5)");
      }
      NodeSearch.Page page = new NodeSearch(store().store()).inChildren(request.getParentId(),
          TocMapper.level(request.getChildLevel()), request.getQuery(),
          SearchMapper.fields(request.getFieldsList(), "fields"), request.getLimit(), request.getTokenBudget());
      SearchChildrenResponse.Builder answer = SearchChildrenResponse.newBuilder().setHasMore(page.hasMore());
      page.results().forEach(result -> {
        SearchNodeResult.Builder node = SearchNodeResult.newBuilder()
            .setNodeId(result.node().nodeId())
            .setTitle(result.node().title())
            .setLevel(TocMapper.level(result.node().level()))
            .setRelevanceScore(result.score());
        result.matches().forEach(match -> node.addMatches(SearchMapper.match(match)));
        answer.addResults(node);
      });
      return answer.build();
    });
  }

  @Override
  public void rebuildIndex(RebuildIndexRequest request, StreamObserver<RebuildIndexProgress> response) {
    try {
      operations.rebuildIndex(ProjectHeader.current(), SearchService.rebuildKeepsVectors(request.getType()),
          progress -> response.onNext(RebuildMessages.of(progress)));
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus("RebuildIndex", e));
    }
  }

  private static final java.util.Set<String> ALL_TYPES = java.util.Set.of("event", "toc_node", "grip");

  /**
   * top_k or limit of the established search RPCs: search-protocol.md says existing clients rely
   * on the default for any value {@code <= 0}, so a negative one is the default there (the
   * Search RPC, new, refuses it).
   */
  private static int specCount(int requested) {
    return Math.max(0, requested);
  }

  private static Optional<String> agent(boolean has, String agent) {
    return has && !agent.isBlank() ? Optional.of(agent) : Optional.empty();
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
