package dev.agentmemory.daemon;

import dev.agentmemory.daemon.summarizer.ModelRerank;
import dev.agentmemory.domain.FailedPreconditionException;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.SearchAnswer;
import dev.agentmemory.search.SearchHit;
import dev.agentmemory.search.SearchRequest;
import dev.agentmemory.search.StoreSearch;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Searches the stores of the daemon: the one a call names (its project), or all of them merged.
 * Validates like every service: a blank query finds nothing; a negative count or an inverted time
 * range is an invalid argument naming the field.
 */
public final class SearchService {
  /** Results when a request asks for none in particular. */
  public static final int DEFAULT_TOP_K = 10;

  private final Projects projects;
  private final Embeddings embeddings;
  private final ZoneId zone;
  private final Clock clock;
  private final Optional<ModelRerank> rerank;

  /** @param rerank the optional model stage, which orders the best candidates of every search */
  public SearchService(Projects projects, Embeddings embeddings, ZoneId zone, Clock clock,
      Optional<ModelRerank> rerank) {
    this.projects = projects;
    this.embeddings = embeddings;
    this.zone = zone;
    this.clock = clock;
    this.rerank = rerank;
  }

  /** What a caller may ask; blank project = the default store, {@code allProjects} = every store. */
  public record Query(String text, SearchRequest.Mode mode, SearchRequest.Fusion fusion, int topK,
      Optional<Float> bm25Weight, Optional<Long> fromMs, Optional<Long> toMs, Optional<String> agent,
      Set<String> types, float minScore, String project, boolean allProjects) {}

  /**
   * The search's own answer, ranked by its scores: what the spec's calls (HybridSearch,
   * VectorTeleport, TeleportSearch) answer, whose responses have no place to say a model reordered them.
   */
  public SearchAnswer search(Query query) {
    return search(query, false);
  }

  /**
   * The answer of the {@code Search} call: as {@link #search(Query)}, then, when the model stage is
   * configured, its best candidates in the model's order and what the stage did
   * ({@link SearchAnswer#modelStage()}).
   */
  public SearchAnswer searchWithModelStage(Query query) {
    return search(query, rerank.isPresent());
  }

  private SearchAnswer search(Query query, boolean withModel) {
    if (query.topK() < 0) {
      throw new InvalidArgumentException("top_k must not be negative, got " + query.topK());
    }
    if (query.fromMs().isPresent() && query.toMs().isPresent() && query.toMs().get() < query.fromMs().get()) {
      throw new InvalidArgumentException("time_filter.end_ms (" + query.toMs().get() + ") must not be before "
          + "time_filter.start_ms (" + query.fromMs().get() + ")");
    }
    float weight = query.bm25Weight().orElse(SearchRequest.DEFAULT_BM25_WEIGHT);
    if (weight < 0 || weight > 1) {
      throw new InvalidArgumentException("bm25_weight must be between 0 and 1, got " + weight);
    }
    int topK = query.topK() == 0 ? DEFAULT_TOP_K : Math.min(query.topK(), SearchRequest.MAX_TOP_K);
    // the model stage orders more than are answered: what it lifts comes from below the first topK
    int candidates = withModel ? Math.max(topK, rerank.get().candidates()) : topK;
    SearchRequest request = new SearchRequest(query.text() == null ? "" : query.text(), query.mode(), query.fusion(),
        candidates, weight, query.fromMs(), query.toMs(), query.agent().map(a -> a.trim().toLowerCase(Locale.ROOT))
            .filter(a -> !a.isEmpty()), query.types(), query.minScore(), ZonedDateTime.now(clock.withZone(zone)));
    List<ProjectStore> stores = query.allProjects() ? projects.all() : List.of(projects.forRead(query.project()));
    List<SearchHit> hits = new ArrayList<>();
    SearchAnswer last = null;
    int setAside = 0;
    for (ProjectStore store : stores) {
      StoreSearch search = store.search().orElseThrow(() -> new FailedPreconditionException(
          "search is not available for this store"));
      last = search.search(request);
      setAside += last.setAside();
      last.hits().forEach(hit -> hits.add(hit.withProject(store.name())));
    }
    // scores mean the same in every store (absolute evidence), so the stores' hits merge by them
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
    List<SearchHit> best = hits.subList(0, Math.min(candidates, hits.size()));
    SearchAnswer answer = new SearchAnswer(List.copyOf(best.subList(0, Math.min(topK, best.size()))), last.modeUsed(),
        last.bm25Available(), last.vectorAvailable(), last.totalDocs(), last.timeFromMs(), last.timeToMs(),
        best.isEmpty() ? setAside : 0, last.preferred(), "");
    if (!withModel || best.size() < 2) {
      return answer;
    }
    ModelRerank.Ranked ranked = rerank.get().rerank(request.query(), best);
    return answer.withModelStage(List.copyOf(ranked.hits().subList(0, Math.min(topK, ranked.hits().size()))),
        ranked.outcome());
  }

  /**
   * Whether a rebuild of {@code type} ({@code admin rebuild-index --type}) keeps the vectors of
   * units whose text did not change: {@code bm25} does (only the keyword side is rebuilt, the
   * vectors are reused); {@code vector} and {@code all} (the default, blank) embed everything again.
   */
  public static boolean rebuildKeepsVectors(String type) {
    String name = type == null || type.isBlank() ? "all" : type.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "bm25" -> true;
      case "vector", "all" -> false;
      default -> throw new InvalidArgumentException("type must be bm25, vector or all, got '" + type + "'");
    };
  }

  /** The model's status: "ready", "loading", "off (...)", "unavailable: why". */
  public String modelStatus() {
    return embeddings.status();
  }
}
