package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.DaemonServices;
import dev.agentmemory.daemon.operations.LocalOperations;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.CompactStoreResponse;
import dev.agentmemory.proto.ExpandEventRequest;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.ExportEventsRequest;
import dev.agentmemory.proto.ExportEventsResponse;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.ForgetResponse;
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
import dev.agentmemory.proto.GetVectorIndexStatusRequest;
import dev.agentmemory.proto.HybridSearchRequest;
import dev.agentmemory.proto.HybridSearchResponse;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.IngestEventResponse;
import dev.agentmemory.proto.IngestEventsRequest;
import dev.agentmemory.proto.IngestEventsResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.PauseJobRequest;
import dev.agentmemory.proto.PauseJobResponse;
import dev.agentmemory.proto.RebuildIndexProgress;
import dev.agentmemory.proto.RebuildIndexRequest;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.proto.ResetJobCheckpointRequest;
import dev.agentmemory.proto.ResetJobCheckpointResponse;
import dev.agentmemory.proto.ResumeJobRequest;
import dev.agentmemory.proto.ResumeJobResponse;
import dev.agentmemory.proto.RunJobRequest;
import dev.agentmemory.proto.RunJobResponse;
import dev.agentmemory.proto.SearchChildrenRequest;
import dev.agentmemory.proto.SearchChildrenResponse;
import dev.agentmemory.proto.SearchNodeRequest;
import dev.agentmemory.proto.SearchNodeResponse;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TeleportSearchRequest;
import dev.agentmemory.proto.TeleportSearchResponse;
import dev.agentmemory.proto.VectorIndexStatus;
import dev.agentmemory.proto.VectorTeleportRequest;
import dev.agentmemory.proto.VectorTeleportResponse;
import dev.agentmemory.proto.VerifyStoresRequest;
import dev.agentmemory.proto.VerifyStoresResponse;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

/**
 * {@code memory.MemoryService} on the wire: each call goes to the class of its concern (events, TOC,
 * search, admin, scheduler), which finds the call's store (its {@link ProjectHeader}), maps the
 * request, calls the domain services or {@link MemoryOperations}, and maps the answer; errors map
 * to statuses in one place ({@link Calls}). No storage handles, no business rules.
 */
public final class MemoryGrpcService extends MemoryServiceGrpc.MemoryServiceImplBase {
  private final EventRpcs eventRpcs;
  private final TocRpcs tocRpcs;
  private final SchedulerRpcs schedulerRpcs;
  private final AdminRpcs adminRpcs;
  private final SearchRpcs searchRpcs;

  private MemoryGrpcService(DaemonServices services) {
    MemoryOperations operations = LocalOperations.of(services);
    this.eventRpcs = new EventRpcs(services.projects(), operations);
    this.tocRpcs = new TocRpcs(services.projects(), operations);
    this.schedulerRpcs = new SchedulerRpcs(services.scheduler(), operations);
    this.adminRpcs = new AdminRpcs(operations);
    this.searchRpcs = new SearchRpcs(services.projects(), services.search(), operations);
  }

  /** The service over {@code services}, reading each call's project header. */
  public static ServerServiceDefinition definition(DaemonServices services) {
    return ServerInterceptors.intercept(new MemoryGrpcService(services), new ProjectHeader());
  }

  @Override
  public void ingestEvent(IngestEventRequest request, StreamObserver<IngestEventResponse> response) {
    eventRpcs.ingestEvent(request, response);
  }

  @Override
  public void ingestEvents(IngestEventsRequest request, StreamObserver<IngestEventsResponse> response) {
    eventRpcs.ingestEvents(request, response);
  }

  @Override
  public void getEvents(GetEventsRequest request, StreamObserver<GetEventsResponse> response) {
    eventRpcs.getEvents(request, response);
  }

  @Override
  public void exportEvents(ExportEventsRequest request, StreamObserver<ExportEventsResponse> response) {
    eventRpcs.exportEvents(request, response);
  }

  @Override
  public void getTocRoot(GetTocRootRequest request, StreamObserver<GetTocRootResponse> response) {
    tocRpcs.getTocRoot(request, response);
  }

  @Override
  public void getNode(GetNodeRequest request, StreamObserver<GetNodeResponse> response) {
    tocRpcs.getNode(request, response);
  }

  @Override
  public void browseToc(BrowseTocRequest request, StreamObserver<BrowseTocResponse> response) {
    tocRpcs.browseToc(request, response);
  }

  @Override
  public void expandGrip(ExpandGripRequest request, StreamObserver<ExpandGripResponse> response) {
    tocRpcs.expandGrip(request, response);
  }

  @Override
  public void expandEvent(ExpandEventRequest request, StreamObserver<ExpandGripResponse> response) {
    tocRpcs.expandEvent(request, response);
  }

  @Override
  public void rebuildToc(RebuildTocRequest request, StreamObserver<RebuildTocProgress> response) {
    tocRpcs.rebuildToc(request, response);
  }

  @Override
  public void getSchedulerStatus(GetSchedulerStatusRequest request, StreamObserver<GetSchedulerStatusResponse> response) {
    schedulerRpcs.getSchedulerStatus(request, response);
  }

  @Override
  public void pauseJob(PauseJobRequest request, StreamObserver<PauseJobResponse> response) {
    schedulerRpcs.pauseJob(request, response);
  }

  @Override
  public void resumeJob(ResumeJobRequest request, StreamObserver<ResumeJobResponse> response) {
    schedulerRpcs.resumeJob(request, response);
  }

  @Override
  public void runJob(RunJobRequest request, StreamObserver<RunJobResponse> response) {
    schedulerRpcs.runJob(request, response);
  }

  @Override
  public void resetJobCheckpoint(ResetJobCheckpointRequest request, StreamObserver<ResetJobCheckpointResponse> response) {
    schedulerRpcs.resetJobCheckpoint(request, response);
  }

  @Override
  public void getStoreStats(GetStoreStatsRequest request, StreamObserver<GetStoreStatsResponse> response) {
    adminRpcs.getStoreStats(request, response);
  }

  @Override
  public void compactStore(CompactStoreRequest request, StreamObserver<CompactStoreResponse> response) {
    adminRpcs.compactStore(request, response);
  }

  @Override
  public void backup(BackupRequest request, StreamObserver<BackupResponse> response) {
    adminRpcs.backup(request, response);
  }

  @Override
  public void forget(ForgetRequest request, StreamObserver<ForgetResponse> response) {
    adminRpcs.forget(request, response);
  }

  @Override
  public void verifyStores(VerifyStoresRequest request, StreamObserver<VerifyStoresResponse> response) {
    adminRpcs.verifyStores(request, response);
  }

  @Override
  public void search(SearchRequest request, StreamObserver<SearchResponse> response) {
    searchRpcs.search(request, response);
  }

  @Override
  public void hybridSearch(HybridSearchRequest request, StreamObserver<HybridSearchResponse> response) {
    searchRpcs.hybridSearch(request, response);
  }

  @Override
  public void vectorTeleport(VectorTeleportRequest request, StreamObserver<VectorTeleportResponse> response) {
    searchRpcs.vectorTeleport(request, response);
  }

  @Override
  public void teleportSearch(TeleportSearchRequest request, StreamObserver<TeleportSearchResponse> response) {
    searchRpcs.teleportSearch(request, response);
  }

  @Override
  public void getVectorIndexStatus(GetVectorIndexStatusRequest request, StreamObserver<VectorIndexStatus> response) {
    searchRpcs.getVectorIndexStatus(request, response);
  }

  @Override
  public void searchNode(SearchNodeRequest request, StreamObserver<SearchNodeResponse> response) {
    searchRpcs.searchNode(request, response);
  }

  @Override
  public void searchChildren(SearchChildrenRequest request, StreamObserver<SearchChildrenResponse> response) {
    searchRpcs.searchChildren(request, response);
  }

  @Override
  public void rebuildIndex(RebuildIndexRequest request, StreamObserver<RebuildIndexProgress> response) {
    searchRpcs.rebuildIndex(request, response);
  }
}
