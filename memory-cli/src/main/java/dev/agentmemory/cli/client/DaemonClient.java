package dev.agentmemory.cli.client;

import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
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
import dev.agentmemory.proto.GetNodeResponse;
import dev.agentmemory.proto.GetSchedulerStatusResponse;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.GetTocRootResponse;
import dev.agentmemory.proto.IngestEventsResponse;
import dev.agentmemory.proto.PauseJobResponse;
import dev.agentmemory.proto.RebuildIndexProgress;
import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.proto.ResetJobCheckpointResponse;
import dev.agentmemory.proto.ResumeJobResponse;
import dev.agentmemory.proto.RunJobResponse;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.VerifyStoresResponse;
import java.time.Duration;
import java.util.List;
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
  ExpandGripResponse expandEvent(ExpandEventRequest request);

  GetSchedulerStatusResponse schedulerStatus();

  PauseJobResponse pauseJob(String job);

  ResumeJobResponse resumeJob(String job);

  RunJobResponse runJob(String job);

  ResetJobCheckpointResponse resetJobCheckpoint(String job);

  GetStoreStatsResponse storeStats();

  /** Compacts one column family, or all when {@code columnFamily} is empty (no call deadline). */
  CompactStoreResponse compactStore(String columnFamily);

  /** A hot backup of every store of the daemon. */
  BackupResponse backup(BackupRequest request);

  /** One page of the store's events in log order (export). */
  ExportEventsResponse exportEvents(ExportEventsRequest request);

  /** Removes events and what was derived from them (admin forget). */
  ForgetResponse forget(ForgetRequest request);

  /** Checksums and invariants of every store of the daemon. */
  VerifyStoresResponse verifyStores();

  IngestEventsResponse ingestEvents(List<Event> events);

  SearchResponse search(SearchRequest request);

  /** Rebuilds the search index in the daemon; {@code progress} hears every message (the last is finished). */
  void rebuildIndex(String type, Consumer<RebuildIndexProgress> progress);

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
