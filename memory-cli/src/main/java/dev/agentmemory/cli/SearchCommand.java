package dev.agentmemory.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.query.TimeArgument;
import dev.agentmemory.proto.SearchFusion;
import dev.agentmemory.proto.SearchHit;
import dev.agentmemory.proto.SearchRequest;
import dev.agentmemory.proto.SearchResponse;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code search QUERY}: what the memory holds about something, best first. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search everything remembered: keywords (BM25), meaning (vectors) or both (hybrid, the default).",
      "A time named in the query (\"yesterday\", \"last week\", \"in May\", \"two days ago\", \"2026-10-12\") is",
      "preferred, not a filter; --since/--until filter. Inside a captured repository it searches that project's",
      "store. Each result names the ids to read on: `memory-daemon query node NODE` and `query expand GRIP`."
    })
public final class SearchCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;
  @Mixin DaemonOptions options;
  @Mixin ProjectOption project;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for (several words are one query).")
  List<String> words;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
      description = "hybrid, bm25 or vector (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--fusion", paramLabel = "HOW", defaultValue = "weighted",
      description = "How hybrid results are combined: weighted or rrf (default: ${DEFAULT-VALUE}).")
  Fusion fusion;

  @Option(names = "--since", paramLabel = "WHEN", description = "Only from this time on: epoch ms, YYYY-MM-DD or ISO date-time.")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "Only up to this time (a day counts whole).")
  String until;

  @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "10", description = "Results (default: ${DEFAULT-VALUE}, at most 100).")
  int top;

  @Option(names = "--agent", paramLabel = "AGENT", description = "Only what this agent captured (claude, codex, gemini, copilot, opencode).")
  String agent;

  @Option(names = "--all-projects", description = "Search every project's store, not just one.")
  boolean allProjects;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "event",
      description = "What to find: event, toc_node, grip or all (default: ${DEFAULT-VALUE}).")
  Target type;

  enum Mode { hybrid, bm25, vector }

  enum Fusion { weighted, rrf }

  enum Target { event, toc_node, grip, all }

  @Override
  public Integer call() {
    Usage.requireRange(spec, "--top", top, 1, 100);
    ZoneId zone = root.zone();
    long from = since == null ? 0 : TimeArgument.parse("--since", since, zone, false);
    long to = until == null ? 0 : TimeArgument.parse("--until", until, zone, true) + 1;
    if (to != 0 && to <= from) {
      throw new CliException("--until must be after --since", ExitCode.USAGE);
    }
    SearchRequest.Builder request = SearchRequests.of(String.join(" ", words), mode.name(), type.name(), top,
            allProjects, from, to, agent == null ? "" : agent)
        .setFusion(fusion == Fusion.rrf ? SearchFusion.SEARCH_FUSION_RRF : SearchFusion.SEARCH_FUSION_WEIGHTED);
    ProjectOption.Choice store = project.forReading(root);
    SearchResponse response = options.ask(root, client -> client.inProject(store.project()).search(request.build()));
    // nothing here: say where else it is, so "nothing found" is not taken for "never came up"
    Map<String, Integer> elsewhere = response.getHitsCount() > 0 || allProjects ? Map.of()
        : countByStore(options.ask(root, client -> client.search(request.setAllProjects(true).build())));
    PrintWriter out = spec.commandLine().getOut();
    SearchReport report = new SearchReport(response, allProjects ? "all projects" : store.describe(),
        Optional.ofNullable(agent), zone);
    if (options.json()) {
      ObjectNode json = json(response, report);
      elsewhere.forEach(json.putObject("found_elsewhere")::put);
      Json.print(out, json);
      return 0;
    }
    print(out, response, report, zone, elsewhere);
    return 0;
  }

  /** Hits per store ("project NAME", "the default store"), in the order first met. */
  private static Map<String, Integer> countByStore(SearchResponse response) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    response.getHitsList().forEach(hit -> counts.merge(
        new ProjectOption.Choice(hit.getProject(), false).describe(), 1, Integer::sum));
    return counts;
  }

  private static void print(PrintWriter out, SearchResponse response, SearchReport report, ZoneId zone,
      Map<String, Integer> elsewhere) {
    if (response.getHitsCount() == 0) {
      out.println(report.nothingFound(Optional.empty()));
      if (!elsewhere.isEmpty()) {
        List<String> stores = new ArrayList<>();
        elsewhere.forEach((where, count) -> stores.add(where + " (" + count + ")"));
        out.println("Found in other stores: " + String.join(", ", stores) + ". Search them with --all-projects, "
            + "or one with --project NAME.");
      }
      return;
    }
    out.printf("%s (%s):%n", Count.of(response.getHitsCount(), "result"), report.how());
    int rank = 1;
    for (SearchHit hit : response.getHitsList()) {
      out.printf("%n%2d. %s  %s%s  score %.2f%n", rank++, TIME.format(Instant.ofEpochMilli(hit.getTimestampMs()).atZone(zone)),
          who(hit), hit.getProject().isEmpty() ? "" : "  project " + hit.getProject(), hit.getScore());
      out.printf("    %s%n", hit.getSnippet().replaceAll("\\s+", " "));
      StringBuilder ids = new StringBuilder("    ").append(hit.getDocType()).append(' ').append(hit.getDocId());
      if (!hit.getSessionId().isEmpty()) {
        ids.append("  session ").append(hit.getSessionId());
      }
      // the hints name the hit's project: copied as printed, they must read the same store
      String inProject = hit.getProject().isEmpty() ? "" : " --project " + hit.getProject();
      if (!hit.getNodeId().isEmpty()) {
        ids.append("\n    read on: memory-daemon query node ").append(hit.getNodeId()).append(inProject);
      }
      for (String grip : hit.getGripIdsList()) {
        ids.append("\n             memory-daemon query expand ").append(grip).append(inProject);
      }
      out.println(ids);
    }
  }

  private static String who(SearchHit hit) {
    String role = hit.getRole().name().replace("EVENT_ROLE_", "").toLowerCase(Locale.ROOT);
    String agent = hit.getAgent().isEmpty() ? "" : " (" + hit.getAgent() + ")";
    return (hit.getDocType().equals("event") ? role : hit.getDocType()) + agent;
  }

  private static ObjectNode json(SearchResponse response, SearchReport report) {
    ObjectNode json = Json.object()
        .put("mode_used", report.mode())
        .put("vector_available", response.getVectorAvailable())
        .put("searched", report.where())
        .put("agent_filter", report.agent().orElse(""))
        .put("how", report.how())
        .put("set_aside", response.getSetAside())
        .put("model_stage", response.getModelStage());
    if (response.hasTimeFilter()) {
      json.putObject("time_filter").put("start_ms", response.getTimeFilter().getStartMs())
          .put("end_ms", response.getTimeFilter().getEndMs());
    }
    if (response.hasTimePreference()) {
      json.putObject("time_preference").put("phrase", response.getTimePhrase())
          .put("start_ms", response.getTimePreference().getStartMs())
          .put("end_ms", response.getTimePreference().getEndMs());
    }
    ArrayNode hits = json.putArray("results");
    for (SearchHit hit : response.getHitsList()) {
      ObjectNode node = hits.addObject()
          .put("doc_id", hit.getDocId())
          .put("doc_type", hit.getDocType())
          .put("score", hit.getScore())
          .put("timestamp_ms", hit.getTimestampMs())
          .put("session_id", hit.getSessionId())
          .put("agent", hit.getAgent())
          .put("role", hit.getRole().name().replace("EVENT_ROLE_", "").toLowerCase(Locale.ROOT))
          .put("project", hit.getProject())
          .put("snippet", hit.getSnippet())
          .put("preview", hit.getPreview())
          .put("node_id", hit.getNodeId());
      hit.getGripIdsList().forEach(node.putArray("grip_ids")::add);
    }
    return json;
  }
}
