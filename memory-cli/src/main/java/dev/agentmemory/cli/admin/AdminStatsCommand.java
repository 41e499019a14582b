package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.AdminService;
import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.domain.StoreStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin stats}: counts and disk usage of a store. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Show how many events, TOC nodes, grips and pending outbox entries a store holds, and its size.",
      "Counts are exact counters, cheap on any store size. Without a daemon on the store (or with",
      "--db-path on a copy) the store is opened read-only."
    })
public final class AdminStatsCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  @Override
  public Integer call() {
    Stats both = admin.reading(AdminStatsCommand::fromDaemon, store -> {
      AdminService service = AdminService.offline(store, admin.root().config());
      return new Stats(service.stats(), service.summarizerUsage(), service.redactions(), admin.project(),
          projectsBeside(admin.defaultStore()), java.util.Optional.empty(), store.checkpoints().audit());
    });
    StoreStats stats = both.store();
    AdminService.SummarizerUsage usage = both.summarizer();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = Json.object()
          .put("path", stats.path().toString())
          .put("project", both.project())
          .put("events", stats.events())
          .put("toc_nodes", stats.tocNodes())
          .put("grips", stats.grips())
          .put("outbox", stats.outbox())
          .put("disk_bytes", stats.diskBytes())
          .put("store_format", stats.format())
          .put("redactions", both.redactions())
          .put("summarizer", usage.summarizer())
          .put("summarizer_requests_today", usage.requests())
          .put("summarizer_input_tokens_today", usage.inputTokens())
          .put("summarizer_output_tokens_today", usage.outputTokens())
          .put("summarizer_fallbacks_today", usage.fallbacks())
          .put("summarizer_daily_token_budget", usage.dailyTokenBudget());
      both.projects().forEach(node.putArray("projects")::add);
      ObjectNode agents = node.putObject("agents");
      stats.agents().forEach((agent, tally) -> agents.putObject(agent).put("events", tally.events())
          .put("last_stored_ms", tally.lastStoredMs()));
      stats.warnings().forEach(node.putArray("warnings")::add);
      both.audit().forEach(node.putArray("forgotten")::add);
      both.search().ifPresent(search -> node.putObject("search")
          .put("documents", search.getSearchDocuments())
          .put("vectors", search.getSearchVectors())
          .put("pending_vectors", search.getSearchPendingVectors())
          .put("index_bytes", search.getSearchIndexBytes())
          .put("behind", search.getSearchBehind())
          .put("semantic", search.getSearchModel()));
      Json.print(out, node);
      return 0;
    }
    out.println("Database Statistics");
    out.println("===================");
    stats.warnings().forEach(warning -> out.printf("WARNING: %s%n", warning));
    out.printf("Path: %s%n", stats.path());
    out.printf("Project: %s%n%n", both.project().isEmpty() ? "(default store)" : both.project());
    out.printf("Events:       %10d%n", stats.events());
    stats.agents().forEach((agent, tally) -> out.printf("  %-11s %10d events, last stored %s%n", agent + ":",
        tally.events(), java.time.Instant.ofEpochMilli(tally.lastStoredMs()).atZone(admin.root().zone()).toLocalDateTime()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    out.printf("TOC Nodes:    %10d%n", stats.tocNodes());
    out.printf("Grips:        %10d%n", stats.grips());
    out.printf("Outbox:       %10d%n%n", stats.outbox());
    out.printf("Disk Usage:   %10s%n", humanBytes(stats.diskBytes()));
    out.printf("Format:       %10d%n%n", stats.format());
    out.printf("Redacted:     %10d secrets%n", both.redactions());
    out.printf("Summarizer:   %s%n", usage.summarizer());
    if (usage.requests() > 0 || usage.fallbacks() > 0 || !usage.summarizer().equals("local")) {
      out.printf("  Today:      %d requests, %d tokens sent, %d received, %d local fallbacks (budget %d tokens/day)%n",
          usage.requests(), usage.inputTokens(), usage.outputTokens(), usage.fallbacks(), usage.dailyTokenBudget());
    }
    both.search().ifPresent(search -> {
      out.printf("%nSearch index: %d units, %d with vectors (%d waiting), %s, %d events behind%n",
          search.getSearchDocuments(), search.getSearchVectors(), search.getSearchPendingVectors(),
          humanBytes(search.getSearchIndexBytes()), search.getSearchBehind());
      out.printf("Semantic:     %s%n", search.getSearchModel());
    });
    both.audit().forEach(entry -> out.printf("Forgotten:    %s%n", entry));
    out.printf("%nProjects:     %s%n", both.projects().isEmpty() ? "none with their own store"
        : String.join(", ", both.projects()) + " (choose one with --project NAME)");
    return 0;
  }

  /**
   * @param audit what admin forget removed from this store (what, when, how many)
   * @param search the daemon's figures of the search index (not known with the daemon stopped) */
  private record Stats(StoreStats store, AdminService.SummarizerUsage summarizer, long redactions, String project,
      List<String> projects, java.util.Optional<dev.agentmemory.proto.GetStoreStatsResponse> search,
      List<String> audit) {}

  private static List<String> projectsBeside(Path defaultStore) {
    return ProjectNames.existing(defaultStore);
  }

  private static Stats fromDaemon(DaemonClient client) {
    var stats = client.storeStats();
    return new Stats(
        new StoreStats(Path.of(stats.getPath()), stats.getEvents(), stats.getTocNodes(), stats.getGrips(),
            stats.getOutbox(), stats.getDiskBytes(), stats.getWarningsList(), stats.getStoreFormat(),
            agents(stats.getAgentsList())),
        new AdminService.SummarizerUsage(stats.getSummarizer(), stats.getSummarizerRequestsToday(),
            stats.getSummarizerInputTokensToday(), stats.getSummarizerOutputTokensToday(),
            stats.getSummarizerFallbacksToday(), stats.getSummarizerDailyTokenBudget()),
        stats.getRedactions(), stats.getProject(), stats.getProjectsList(), java.util.Optional.of(stats),
        stats.getAuditList());
  }

  static java.util.Map<String, dev.agentmemory.domain.AgentTally> agents(List<dev.agentmemory.proto.AgentEvents> agents) {
    java.util.Map<String, dev.agentmemory.domain.AgentTally> tallies = new java.util.TreeMap<>();
    agents.forEach(agent -> tallies.put(agent.getAgent(),
        new dev.agentmemory.domain.AgentTally(agent.getEvents(), agent.getLastStoredMs())));
    return tallies;
  }

  static String humanBytes(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format("%.2f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format("%.2f MB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format("%.2f KB", bytes / (double) (1L << 10));
    }
    return bytes + " bytes";
  }
}
