package dev.agentmemory.cli.client;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.AdminService;
import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.operations.IndexRebuildProgress;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.daemon.operations.TocRebuildProgress;
import dev.agentmemory.domain.AgentTally;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.domain.StoreStats;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.BackupRequest;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.ExportEventsRequest;
import dev.agentmemory.proto.ExportEventsResponse;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.ForgetResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.IngestEventsResponse;
import dev.agentmemory.proto.RebuildTocRequest;
import dev.agentmemory.proto.ResetJobCheckpointResponse;
import dev.agentmemory.toc.TocRebuilder;
import dev.agentmemory.wire.EventMessages;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The operations carried out by the running daemon: each verb one call, mapped to and from the wire. */
public final class RemoteOperations implements MemoryOperations {
  private final DaemonClient client;

  /** @param client closed with these operations */
  public RemoteOperations(DaemonClient client) {
    this.client = client;
  }

  @Override
  public EventService.BatchResult ingest(String project, List<Event> batch) {
    IngestEventsResponse response = client.inProject(project).ingestEvents(batch.stream().map(EventMessages::toProto).toList());
    return new EventService.BatchResult(response.getCreated(), response.getDuplicates(), response.getRejected(),
        response.getErrorsList());
  }

  @Override
  public List<Event> events(String project, long fromMs, long toMs, int limit, EventFilter filter) {
    GetEventsRequest request = GetEventsRequest.newBuilder().setFromTimestampMs(fromMs).setToTimestampMs(toMs)
        .setLimit(limit).setAgent(filter.agent()).setSessionId(filter.sessionId()).build();
    try {
      return client.inProject(project).getEvents(request).getEventsList().stream().map(EventMessages::toEvent).toList();
    } catch (CliException e) {
      if (e.getMessage().contains("NOT_FOUND")) {
        throw new NotFoundException(e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public StoreReport stats(String project) {
    GetStoreStatsResponse stats = client.inProject(project).storeStats();
    Map<String, AgentTally> agents = new TreeMap<>();
    stats.getAgentsList().forEach(agent -> agents.put(agent.getAgent(),
        new AgentTally(agent.getEvents(), agent.getLastStoredMs())));
    // the daemon names a semantic model status whenever it has an index open
    Optional<StoreReport.SearchFigures> search = stats.getSearchModel().isEmpty() ? Optional.empty()
        : Optional.of(new StoreReport.SearchFigures(stats.getSearchDocuments(), stats.getSearchVectors(),
            stats.getSearchPendingVectors(), stats.getSearchIndexBytes(), stats.getSearchBehind(), stats.getSearchModel()));
    return new StoreReport(stats.getProject(),
        new StoreStats(Path.of(stats.getPath()), stats.getEvents(), stats.getTocNodes(), stats.getGrips(),
            stats.getOutbox(), stats.getDiskBytes(), stats.getWarningsList(), stats.getStoreFormat(), agents),
        new AdminService.SummarizerUsage(stats.getSummarizer(), stats.getSummarizerRequestsToday(),
            stats.getSummarizerInputTokensToday(), stats.getSummarizerOutputTokensToday(),
            stats.getSummarizerFallbacksToday(), stats.getSummarizerDailyTokenBudget()),
        stats.getRedactions(), stats.getProjectsList(), stats.getAuditList(), search);
  }

  @Override
  public List<String> stores() {
    List<String> stores = new ArrayList<>();
    stores.add("");
    stores.addAll(client.storeStats().getProjectsList());
    return stores;
  }

  @Override
  public void export(String project, long fromMs, long toMs, Consumer<Event> each) {
    DaemonClient store = client.inProject(project);
    String after = "";
    do {
      ExportEventsResponse page = store.exportEvents(ExportEventsRequest.newBuilder()
          .setFromTimestampMs(fromMs).setToTimestampMs(toMs).setAfter(after).build());
      page.getEventsList().forEach(event -> each.accept(EventMessages.toEvent(event)));
      after = page.getNext();
    } while (!after.isEmpty());
  }

  @Override
  public Forgetting.Result forget(String project, Optional<Forgetting.Selection> what, boolean dryRun) {
    ForgetRequest.Builder request = ForgetRequest.newBuilder().setDryRun(dryRun);
    what.ifPresentOrElse(selection -> {
      selection.sessionId().ifPresent(request::setSessionId);
      selection.eventId().ifPresent(request::setEventId);
      selection.beforeMs().ifPresent(request::setBeforeMs);
    }, () -> request.setWholeProject(true));
    ForgetResponse done = client.inProject(project).forget(request.build());
    return new Forgetting.Result(done.getEvents(), done.getSessions(), done.getFirstMs(), done.getLastMs(),
        done.getDryRun(), done.getAudit(), done.getSpooled());
  }

  @Override
  public void rebuildToc(String project, Optional<LocalDate> from, boolean dryRun,
      Consumer<TocRebuildProgress> progress) {
    RebuildTocRequest request = RebuildTocRequest.newBuilder().setFromDate(from.map(LocalDate::toString).orElse(""))
        .setDryRun(dryRun).build();
    client.inProject(project).rebuildToc(request, step -> progress.accept(new TocRebuildProgress(
        new TocRebuilder.Plan(from, step.getEventsTotal(), step.getFirstTimestampMs(), step.getLastTimestampMs()),
        step.getEventsDone(), step.getFinished())));
  }

  @Override
  public void rebuildIndex(String project, boolean keepVectors, Consumer<IndexRebuildProgress> progress) {
    client.inProject(project).rebuildIndex(keepVectors ? "bm25" : "all", step -> progress.accept(
        new IndexRebuildProgress(step.getEventsDone(), step.getEventsTotal(), step.getFinished(),
            step.getPendingVectors())));
  }

  @Override
  public List<String> compact(String project, String columnFamily) {
    return client.inProject(project).compactStore(columnFamily).getCompactedList();
  }

  @Override
  public String resetCheckpoint(String project, String job) {
    ResetJobCheckpointResponse reset = client.inProject(project).resetJobCheckpoint(job);
    if (!reset.getSuccess()) {
      throw new NotFoundException(reset.getError());
    }
    return reset.getDescription();
  }

  @Override
  public Backups.Result backup(Optional<String> dest, OptionalInt keep) {
    BackupResponse made = client.backup(BackupRequest.newBuilder().setDest(dest.orElse("")).setKeep(keep.orElse(0))
        .build());
    return new Backups.Result(Path.of(made.getPath()),
        made.getStoresList().stream().map(store -> new Backups.StoreCopy(store.getProject(), store.getPath(),
            store.getEvents(), store.getBytes())).toList(),
        made.getBytes(), made.getDurationMs(), made.getRemovedList().stream().map(Path::of).toList());
  }

  @Override
  public Map<String, StoreVerification> verify() {
    Map<String, StoreVerification> results = new LinkedHashMap<>();
    client.verifyStores().getStoresList().forEach(store -> results.put(store.getProject(), new StoreVerification(
        Path.of(store.getPath()), store.getEvents(), store.getTocNodes(), store.getGrips(), store.getProblemsList())));
    return results;
  }

  @Override
  public void close() {
    client.close();
  }
}
