package dev.agentmemory.cli.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.Json;
import dev.agentmemory.daemon.AdminService;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.domain.StoreStats;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    StoreReport report = admin.reading(reads -> reads.stats(admin.project()));
    StoreStats stats = report.store();
    AdminService.SummarizerUsage usage = report.summarizer();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = Json.object()
          .put("path", stats.path().toString())
          .put("project", report.project())
          .put("events", stats.events())
          .put("toc_nodes", stats.tocNodes())
          .put("grips", stats.grips())
          .put("outbox", stats.outbox())
          .put("disk_bytes", stats.diskBytes())
          .put("store_format", stats.format())
          .put("redactions", report.redactions())
          .put("summarizer", usage.summarizer())
          .put("summarizer_requests_today", usage.requests())
          .put("summarizer_input_tokens_today", usage.inputTokens())
          .put("summarizer_output_tokens_today", usage.outputTokens())
          .put("summarizer_fallbacks_today", usage.fallbacks())
          .put("summarizer_daily_token_budget", usage.dailyTokenBudget());
      report.projects().forEach(node.putArray("projects")::add);
      ObjectNode agents = node.putObject("agents");
      stats.agents().forEach((agent, tally) -> agents.putObject(agent).put("events", tally.events())
          .put("last_stored_ms", tally.lastStoredMs()));
      stats.warnings().forEach(node.putArray("warnings")::add);
      report.forgotten().forEach(node.putArray("forgotten")::add);
      report.search().ifPresent(search -> node.putObject("search")
          .put("documents", search.documents())
          .put("vectors", search.vectors())
          .put("pending_vectors", search.pendingVectors())
          .put("index_bytes", search.indexBytes())
          .put("behind", search.behind())
          .put("semantic", search.semantic()));
      Json.print(out, node);
      return 0;
    }
    out.println("Database Statistics");
    out.println("===================");
    stats.warnings().forEach(warning -> out.printf("WARNING: %s%n", warning));
    out.printf("Path: %s%n", stats.path());
    out.printf("Project: %s%n%n", report.project().isEmpty() ? "(default store)" : report.project());
    out.printf("Events:       %10d%n", stats.events());
    stats.agents().forEach((agent, tally) -> out.printf("  %-11s %10d events, last stored %s%n", agent + ":",
        tally.events(), Instant.ofEpochMilli(tally.lastStoredMs()).atZone(admin.root().zone()).toLocalDateTime()
            .truncatedTo(ChronoUnit.SECONDS)));
    out.printf("TOC Nodes:    %10d%n", stats.tocNodes());
    out.printf("Grips:        %10d%n", stats.grips());
    out.printf("Outbox:       %10d%n%n", stats.outbox());
    out.printf("Disk Usage:   %10s%n", humanBytes(stats.diskBytes()));
    out.printf("Format:       %10d%n%n", stats.format());
    out.printf("Redacted:     %10d secrets%n", report.redactions());
    out.printf("Summarizer:   %s%n", usage.summarizer());
    if (usage.requests() > 0 || usage.fallbacks() > 0 || !usage.summarizer().equals("local")) {
      out.printf("  Today:      %d requests, %d tokens sent, %d received, %d local fallbacks (budget %d tokens/day)%n",
          usage.requests(), usage.inputTokens(), usage.outputTokens(), usage.fallbacks(), usage.dailyTokenBudget());
    }
    report.search().ifPresent(search -> {
      out.printf("%nSearch index: %d units, %d with vectors (%d waiting), %s, %d events behind%n",
          search.documents(), search.vectors(), search.pendingVectors(), humanBytes(search.indexBytes()),
          search.behind());
      out.printf("Semantic:     %s%n", search.semantic());
    });
    report.forgotten().forEach(entry -> out.printf("Forgotten:    %s%n", entry));
    out.printf("%nProjects:     %s%n", report.projects().isEmpty() ? "none with their own store"
        : String.join(", ", report.projects()) + " (choose one with --project NAME)");
    return 0;
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
