package dev.agentmemory.cli.client;

import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetEventsResponse;
import dev.agentmemory.proto.GetNodeResponse;
import dev.agentmemory.proto.GetTocRootResponse;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The CLI's view of a running daemon. Failures arrive as {@link dev.agentmemory.cli.CliException}
 * with a message for a person (exit 3 when the daemon cannot be reached).
 */
public interface DaemonClient extends AutoCloseable {
  /** The overall health status ("SERVING", "NOT_SERVING", ...), within {@code deadline}. */
  String health(Duration deadline);

  GetEventsResponse getEvents(GetEventsRequest request);

  GetTocRootResponse getTocRoot();

  GetNodeResponse getNode(String nodeId);

  BrowseTocResponse browseToc(BrowseTocRequest request);

  ExpandGripResponse expandGrip(ExpandGripRequest request);

  /** An event with the events around it in its session (excerpt_events holds the event). */
  ExpandGripResponse expandEvent(dev.agentmemory.proto.ExpandEventRequest request);

  dev.agentmemory.proto.GetSchedulerStatusResponse schedulerStatus();

  dev.agentmemory.proto.PauseJobResponse pauseJob(String job);

  dev.agentmemory.proto.ResumeJobResponse resumeJob(String job);

  dev.agentmemory.proto.RunJobResponse runJob(String job);

  dev.agentmemory.proto.ResetJobCheckpointResponse resetJobCheckpoint(String job);

  dev.agentmemory.proto.GetStoreStatsResponse storeStats();

  /** Compacts one column family, or all when {@code columnFamily} is empty (no call deadline). */
  dev.agentmemory.proto.CompactStoreResponse compactStore(String columnFamily);

  /** A hot backup of every store of the daemon. */
  dev.agentmemory.proto.BackupResponse backup(dev.agentmemory.proto.BackupRequest request);

  /** One page of the store's events in log order (export). */
  dev.agentmemory.proto.ExportEventsResponse exportEvents(dev.agentmemory.proto.ExportEventsRequest request);

  /** Removes events and what was derived from them (admin forget). */
  dev.agentmemory.proto.ForgetResponse forget(dev.agentmemory.proto.ForgetRequest request);

  /** Checksums and invariants of every store of the daemon. */
  dev.agentmemory.proto.VerifyStoresResponse verifyStores();

  dev.agentmemory.proto.IngestEventsResponse ingestEvents(java.util.List<dev.agentmemory.proto.Event> events);

  dev.agentmemory.proto.SearchResponse search(dev.agentmemory.proto.SearchRequest request);

  /** Rebuilds the search index in the daemon; {@code progress} hears every message (the last is finished). */
  void rebuildIndex(String type, Consumer<dev.agentmemory.proto.RebuildIndexProgress> progress);

  /** Runs a rebuild in the daemon; {@code progress} hears every message (the last is finished). */
  void rebuildToc(RebuildTocRequest request, Consumer<RebuildTocProgress> progress);

  /**
   * This client with every call naming {@code project} (the x-memory-project header); blank: the
   * daemon's default store. Closing either closes the connection.
   */
  DaemonClient inProject(String project);

  @Override
  void close();
}
