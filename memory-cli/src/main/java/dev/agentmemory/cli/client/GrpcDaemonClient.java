package dev.agentmemory.cli.client;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.CompactStoreRequest;
import dev.agentmemory.proto.CompactStoreResponse;
import dev.agentmemory.proto.Event;
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
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.VerifyStoresRequest;
import dev.agentmemory.proto.VerifyStoresResponse;
import dev.agentmemory.wire.Headers;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link DaemonClient} over a gRPC channel; maps transport failures to messages for people. */
public final class GrpcDaemonClient implements DaemonClient {
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
  // A daemon that accepts connections but answers nothing (stopped, hung) is told apart from a
  // slow call by a health check this short before the first call.
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);

  private final Endpoint endpoint;
  private final Channel channel;
  private final ManagedChannel owned;
  private boolean answered;

  /** A client over {@code channel} (not closed by {@link #close()} unless it is managed by us). */
  public GrpcDaemonClient(Endpoint endpoint, Channel channel, ManagedChannel owned) {
    this.endpoint = endpoint;
    this.channel = channel;
    this.owned = owned;
  }

  /**
   * Starts initializing the transport on another thread, while the command line is parsed: the
   * OkHttp transport probes the JVM's TLS support when its first channel is built (a few dozen
   * milliseconds, even for plaintext), and a command has a second core to spare.
   */
  public static void prepareInBackground() {
    Thread prepare = new Thread(() -> {
      try {
        Class.forName("io.grpc.okhttp.OkHttpProtocolNegotiator", true, GrpcDaemonClient.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // the channel is built anyway, just without the head start
      }
    }, "memory-cli-prepare");
    prepare.setDaemon(true);
    prepare.start();
  }

  /**
   * A client of the daemon at {@code endpoint}: over its Unix socket, or over TCP showing {@code
   * token} (the daemon refuses calls without it there).
   */
  public static DaemonClient connect(Endpoint endpoint, Optional<String> token) {
    OkHttpChannelBuilder builder = endpoint.isUnix()
        // the address only names the HTTP/2 authority: the socket factory connects to the socket
        ? OkHttpChannelBuilder.forAddress("127.0.0.1", 1).overrideAuthority("localhost")
            .socketFactory(new UnixSocketFactory(endpoint.socket()))
        : OkHttpChannelBuilder.forAddress(endpoint.host(), endpoint.port());
    ManagedChannel channel = builder.usePlaintext().maxInboundMessageSize(64 * 1024 * 1024).build();
    if (endpoint.isUnix() || token.isEmpty()) {
      return new GrpcDaemonClient(endpoint, channel, channel);
    }
    return new GrpcDaemonClient(endpoint, ClientInterceptors.intercept(channel, Headers.bearer(token.get())), channel);
  }

  @Override
  public String health(Duration deadline) {
    try {
      String status = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance())
          .getStatus()
          .name();
      answered = true;
      return status;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw CliException.notAnswering(endpoint, deadline);
      }
      throw failure(e);
    }
  }

  @Override
  public GetEventsResponse getEvents(GetEventsRequest request) {
    return call(() -> memory().getEvents(request));
  }

  @Override
  public GetTocRootResponse getTocRoot() {
    return call(() -> memory().getTocRoot(GetTocRootRequest.getDefaultInstance()));
  }

  @Override
  public GetNodeResponse getNode(String nodeId) {
    return call(() -> memory().getNode(GetNodeRequest.newBuilder().setNodeId(nodeId).build()));
  }

  @Override
  public BrowseTocResponse browseToc(BrowseTocRequest request) {
    return call(() -> memory().browseToc(request));
  }

  @Override
  public ExpandGripResponse expandGrip(ExpandGripRequest request) {
    return call(() -> memory().expandGrip(request));
  }

  @Override
  public ExpandGripResponse expandEvent(ExpandEventRequest request) {
    return call(() -> memory().expandEvent(request));
  }

  @Override
  public void rebuildToc(RebuildTocRequest request, Consumer<RebuildTocProgress> progress) {
    // A rebuild of a large store takes minutes: no call deadline, progress shows it is alive.
    call(() -> {
      MemoryServiceGrpc.newBlockingStub(channel).rebuildToc(request).forEachRemaining(progress);
      return null;
    });
  }

  @Override
  public SearchResponse search(SearchRequest request) {
    return call(() -> memory().search(request));
  }

  @Override
  public void rebuildIndex(String type, Consumer<RebuildIndexProgress> progress) {
    // A rebuild of a large store takes minutes: no call deadline, progress shows it is alive.
    call(() -> {
      MemoryServiceGrpc.newBlockingStub(channel)
          .rebuildIndex(RebuildIndexRequest.newBuilder().setType(type).build())
          .forEachRemaining(progress);
      return null;
    });
  }

  @Override
  public GetSchedulerStatusResponse schedulerStatus() {
    return call(() -> memory().getSchedulerStatus(GetSchedulerStatusRequest.getDefaultInstance()));
  }

  @Override
  public PauseJobResponse pauseJob(String job) {
    return call(() -> memory().pauseJob(PauseJobRequest.newBuilder().setJobName(job).build()));
  }

  @Override
  public ResumeJobResponse resumeJob(String job) {
    return call(() -> memory().resumeJob(ResumeJobRequest.newBuilder().setJobName(job).build()));
  }

  @Override
  public RunJobResponse runJob(String job) {
    return call(() -> memory().runJob(RunJobRequest.newBuilder().setJobName(job).build()));
  }

  @Override
  public ResetJobCheckpointResponse resetJobCheckpoint(String job) {
    return call(() -> memory().resetJobCheckpoint(
        ResetJobCheckpointRequest.newBuilder().setJobName(job).build()));
  }

  @Override
  public GetStoreStatsResponse storeStats() {
    return call(() -> memory().getStoreStats(GetStoreStatsRequest.getDefaultInstance()));
  }

  @Override
  public CompactStoreResponse compactStore(String columnFamily) {
    // Compacting a large store takes a while: no call deadline.
    return call(() -> MemoryServiceGrpc.newBlockingStub(channel).compactStore(
        CompactStoreRequest.newBuilder().setColumnFamily(columnFamily).build()));
  }

  @Override
  public BackupResponse backup(BackupRequest request) {
    // A backup of a large store takes a while: no call deadline.
    return call(() -> MemoryServiceGrpc.newBlockingStub(channel).backup(request));
  }

  @Override
  public ExportEventsResponse exportEvents(ExportEventsRequest request) {
    return call(() -> memory().exportEvents(request));
  }

  @Override
  public ForgetResponse forget(ForgetRequest request) {
    // Rebuilds and compacts: no call deadline.
    return call(() -> MemoryServiceGrpc.newBlockingStub(channel).forget(request));
  }

  @Override
  public VerifyStoresResponse verifyStores() {
    // Reads every store once: no call deadline.
    return call(() -> MemoryServiceGrpc.newBlockingStub(channel).verifyStores(
        VerifyStoresRequest.getDefaultInstance()));
  }

  @Override
  public IngestEventsResponse ingestEvents(List<Event> events) {
    return call(() -> memory().ingestEvents(
        IngestEventsRequest.newBuilder().addAllEvents(events).build()));
  }

  @Override
  public DaemonClient inProject(String project) {
    if (project == null || project.isBlank()) {
      return this;
    }
    Metadata headers = new Metadata();
    try {
      // Sanitized here as the daemon would: a header carries ASCII only.
      headers.put(Headers.PROJECT, ProjectNames.sanitize(project));
    } catch (InvalidArgumentException e) {
      throw new CliException("--project: " + e.getMessage(), ExitCode.USAGE);
    }
    return new GrpcDaemonClient(endpoint,
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)), owned);
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  private MemoryServiceGrpc.MemoryServiceBlockingStub memory() {
    return MemoryServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private <T> T call(Supplier<T> rpc) {
    if (!answered) {
      health(PROBE_DEADLINE);
    }
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  private CliException failure(StatusRuntimeException e) {
    Status status = e.getStatus();
    return switch (status.getCode()) {
      case UNAVAILABLE -> CliException.unreachable(endpoint, describe(status));
      case DEADLINE_EXCEEDED -> new CliException("The memory daemon at " + endpoint + " did not finish the call in time ("
          + describe(status) + "); it may be overloaded. Try again, or look at its log.", ExitCode.ERROR);
      case UNAUTHENTICATED -> new CliException("The memory daemon at " + endpoint + " refused the call: "
          + describe(status), ExitCode.ERROR);
      case UNIMPLEMENTED -> new CliException(
          "The daemon at " + endpoint + " does not offer this yet (" + describe(status)
              + "). Is it an older version?", ExitCode.ERROR);
      default -> new CliException(
          "The daemon refused the request: " + status.getCode() + ": " + describe(status), ExitCode.ERROR);
    };
  }

  private static String describe(Status status) {
    // For transport failures the cause ("Connection refused: /127.0.0.1:50051") says more than
    // gRPC's generic description ("io exception").
    if (status.getCause() != null && status.getCause().getMessage() != null) {
      return status.getCause().getMessage();
    }
    return status.getDescription() != null ? status.getDescription() : status.getCode().toString();
  }
}
