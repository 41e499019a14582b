package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.AdminService;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.domain.StoreStats;
import dev.agentmemory.proto.AgentEvents;
import dev.agentmemory.proto.BackupResponse;
import dev.agentmemory.proto.BackupStore;
import dev.agentmemory.proto.ForgetResponse;
import dev.agentmemory.proto.GetSchedulerStatusResponse;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.JobResultStatus;
import dev.agentmemory.proto.JobStatusProto;
import dev.agentmemory.proto.VerifyStoresResponse;
import dev.agentmemory.scheduler.JobStatus;
import dev.agentmemory.storage.JobState;
import java.util.List;
import java.util.Map;

/** Wire forms of scheduler status, store statistics, backups and verifications. */
public final class AdminMapper {
  private AdminMapper() {}

  static GetSchedulerStatusResponse status(boolean running, List<JobStatus> jobs) {
    GetSchedulerStatusResponse.Builder response = GetSchedulerStatusResponse.newBuilder().setSchedulerRunning(running);
    for (JobStatus job : jobs) {
      JobState state = job.state();
      JobStatusProto.Builder proto = JobStatusProto.newBuilder()
          .setJobName(job.name())
          .setCronExpr(job.cron())
          .setLastRunMs(state.lastRunMs())
          .setLastDurationMs(state.lastDurationMs())
          .setLastResult(result(state.lastResult()))
          .setNextRunMs(job.nextRunMs())
          .setRunCount(state.runCount())
          .setErrorCount(state.errorCount())
          .setIsRunning(job.running())
          .setIsPaused(state.paused());
      if (!state.lastError().isEmpty()) {
        proto.setLastError(state.lastError());
      }
      response.addJobs(proto);
    }
    return response.build();
  }

  static GetStoreStatsResponse stats(StoreReport report) {
    StoreStats stats = report.store();
    AdminService.SummarizerUsage usage = report.summarizer();
    GetStoreStatsResponse.Builder response = GetStoreStatsResponse.newBuilder()
        .setSummarizer(usage.summarizer())
        .setSummarizerRequestsToday(usage.requests())
        .setSummarizerInputTokensToday(usage.inputTokens())
        .setSummarizerOutputTokensToday(usage.outputTokens())
        .setSummarizerFallbacksToday(usage.fallbacks())
        .setSummarizerDailyTokenBudget(usage.dailyTokenBudget())
        .setPath(stats.path().toString())
        .setEvents(stats.events())
        .setTocNodes(stats.tocNodes())
        .setGrips(stats.grips())
        .setOutbox(stats.outbox())
        .setDiskBytes(stats.diskBytes())
        .setStoreFormat(stats.format())
        .addAllWarnings(stats.warnings())
        .addAllAgents(stats.agents().entrySet().stream().map(agent -> AgentEvents.newBuilder()
            .setAgent(agent.getKey()).setEvents(agent.getValue().events())
            .setLastStoredMs(agent.getValue().lastStoredMs()).build()).toList())
        .setRedactions(report.redactions())
        .setProject(report.project())
        .addAllProjects(report.projects())
        .addAllAudit(report.forgotten());
    report.search().ifPresent(search -> response.setSearchDocuments(search.documents())
        .setSearchVectors(search.vectors()).setSearchPendingVectors(search.pendingVectors())
        .setSearchIndexBytes(search.indexBytes()).setSearchBehind(search.behind()).setSearchModel(search.semantic()));
    return response.build();
  }

  private static JobResultStatus result(String result) {
    return switch (result) {
      case "SUCCESS" -> JobResultStatus.JOB_RESULT_STATUS_SUCCESS;
      case "FAILED" -> JobResultStatus.JOB_RESULT_STATUS_FAILED;
      case "SKIPPED" -> JobResultStatus.JOB_RESULT_STATUS_SKIPPED;
      default -> JobResultStatus.JOB_RESULT_STATUS_UNSPECIFIED;
    };
  }

  public static BackupResponse backup(Backups.Result result) {
    BackupResponse.Builder response = BackupResponse.newBuilder()
        .setPath(result.path().toString())
        .setBytes(result.bytes())
        .setDurationMs(result.durationMs());
    result.stores().forEach(store -> response.addStores(BackupStore.newBuilder()
        .setProject(store.project()).setPath(store.path()).setEvents(store.events()).setBytes(store.bytes())));
    result.removed().forEach(removed -> response.addRemoved(removed.toString()));
    return response.build();
  }

  public static VerifyStoresResponse verification(
      Map<String, dev.agentmemory.domain.StoreVerification> results) {
    VerifyStoresResponse.Builder response = VerifyStoresResponse.newBuilder();
    results.forEach((project, result) -> response.addStores(dev.agentmemory.proto.StoreVerification.newBuilder()
        .setProject(project)
        .setPath(result.store().toString())
        .setEvents(result.events())
        .setTocNodes(result.tocNodes())
        .setGrips(result.grips())
        .addAllProblems(result.problems())));
    return response.build();
  }

  public static ForgetResponse forget(Forgetting.Result result) {
    return ForgetResponse.newBuilder().setEvents(result.events()).setSessions(result.sessions())
        .setFirstMs(result.firstMs()).setLastMs(result.lastMs()).setDryRun(result.dryRun()).setAudit(result.audit())
        .setSpooled(result.spooled()).build();
  }
}
