package dev.agentmemory.search;

import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.NamedThreads;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Answers searches over one store's index: keyword (BM25), semantic (nearest vectors) or both,
 * fused by weighted scores (each list min-max normalised over its top {@value #CANDIDATES}; it beat
 * reciprocal-rank fusion in every variant measured, which stays available), units grouped into the
 * events they belong to, a gentle preference for recent ones, and a snippet with the matched words.
 *
 * <p>Min-max normalising ranks well but makes the best of nothing look perfect, so each answer is
 * also measured on absolute scales: the share of the query's keyword weight a unit holds (its BM25
 * score over the most the query's words can score in one unit) and its cosine similarity with the
 * query. An answer whose candidates reach neither {@value #KEYWORD_EVIDENCE} nor {@value
 * #SEMANTIC_EVIDENCE} is empty: nothing found. Otherwise the first hit's score is the strength of the
 * best evidence (the larger of the two measures) and each later hit's scales down by its rank score
 * against the first, so scores mean the same in every search.
 */
final class Searcher {
  // per list; 100 ranked no better on LoCoMo (docs/benchmarks.md) and cost 15% more time
  private static final int CANDIDATES = 50;
  // The weights below were chosen on the LoCoMo development set (docs/benchmarks.md, "Recall").
  private static final double SESSION_WEIGHT = 0.2;
  private static final float CONTEXT_WEIGHT = 0.5f;
  private static final int RRF_K = 60;
  private static final double RECENCY_WEIGHT = 0.05;
  private static final double RECENCY_DAYS = 30;
  private static final int SNIPPET_WORDS = 40;
  private static final int PREVIEW_CHARS = 200;
  // Evidence floors, measured on the LoCoMo development set (docs/benchmarks.md, "Honest answers"):
  // off-topic questions reached at most 0.14 of their keyword weight and a cosine of 0.30; on-topic
  // questions' best candidates a cosine of at least 0.35 (1st percentile), 0.48 (5th). Short
  // technical questions sit lower than LoCoMo's chat ("why zero tax" against the turn about 0% VAT
  // for Austrian customers: about 0.4), so the cosine floor keeps only a small margin above 0.30.
  static final double KEYWORD_EVIDENCE = 0.18;
  static final double SEMANTIC_EVIDENCE = 0.36;
  // Threads that embed questions beside the keyword search; made when needed, gone after a minute idle.
  private static final ExecutorService QUESTION_EMBEDDING = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
      TimeUnit.SECONDS, new SynchronousQueue<>(), new NamedThreads("memory-search-question", true));

  private final SearchIndex index;
  private final Analyzer analyzer;
  private final Embeddings embeddings;
  private final TocReader toc;

  Searcher(SearchIndex index, Analyzer analyzer, Embeddings embeddings, TocReader toc) {
    this.index = index;
    this.analyzer = analyzer;
    this.embeddings = embeddings;
    this.toc = toc;
  }

  SearchAnswer search(SearchRequest request) {
    boolean vectorReady = embeddings.ready().isPresent();
    long total = index.documentCount();
    String words = request.query().trim();
    Optional<Long> from = request.fromMs();
    Optional<Long> to = request.toMs();
    // a time named in the query is preferred, not a wall: given times stay exact filters
    Optional<TimePhrases.Found> named = from.isEmpty() && to.isEmpty() ? TimePhrases.find(words, request.now())
        : Optional.empty();
    if (named.isPresent()) {
      words = named.get().rest();
    }
    SearchRequest.Mode used = switch (request.mode()) {
      case BM25 -> SearchRequest.Mode.BM25;
      case HYBRID -> vectorReady ? SearchRequest.Mode.HYBRID : SearchRequest.Mode.BM25;
      case VECTOR -> vectorReady ? SearchRequest.Mode.VECTOR : SearchRequest.Mode.BM25;
    };
    List<String> terms = Analysis.terms(analyzer, words);
    if (words.isBlank() || (terms.isEmpty() && used == SearchRequest.Mode.BM25)) {
      return new SearchAnswer(List.of(), used, true, vectorReady, total, from, to, 0, named, "");
    }
    Query filter = filter(request, from, to);
    Optional<Query> preferred = named.map(period -> filter(request, Optional.of(period.startMs()),
        Optional.of(period.endMs())));
    String remaining = words;
    int[] setAside = {0};
    // the question's vector is computed while the keyword search runs (each takes a few ms)
    CompletableFuture<float[]> embedding = used == SearchRequest.Mode.BM25 ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> embeddings.ready().get().embed(remaining), QUESTION_EMBEDDING);
    List<SearchHit> hits = index.read(view -> {
      List<SearchIndex.Hit> keyword = used == SearchRequest.Mode.VECTOR || terms.isEmpty() ? List.of()
          : candidates(preferred, filter, only -> view.search(keywordQuery(terms, types(request), only), CANDIDATES));
      float[] vector = vectorOf(embedding);
      List<SearchIndex.Hit> semantic = vector == null ? List.of()
          : candidates(preferred, filter, only -> view.nearest(vector, types(request), only, CANDIDATES));
      Map<String, Scored> byDoc = fuse(keyword, semantic, request);
      measureEvidence(view, byDoc, keyword, semantic, terms);
      long now = request.now().toInstant().toEpochMilli();
      List<Scored> ranked = new ArrayList<>(byDoc.values());
      boostBySession(ranked);
      ranked.forEach(scored -> scored.score *= recency(now, scored.hit.timestampMs()));
      named.ifPresent(period -> {
        boolean followed = TimePreference.asksWhatFollowed(request.query());
        ranked.forEach(scored -> scored.score *= TimePreference.weight(period, followed, scored.hit.timestampMs()));
      });
      ranked.sort(Comparator.comparingDouble((Scored s) -> s.score).reversed());
      List<SearchHit> answered = new ArrayList<>();
      if (ranked.stream().noneMatch(Scored::isEvidence)) {
        setAside[0] = ranked.size();
        return answered;
      }
      double strength = ranked.stream().mapToDouble(Scored::strength).max().orElse(0);
      double first = ranked.get(0).score;
      for (Scored scored : ranked) {
        if (answered.size() == request.topK()) {
          break;
        }
        double score = first <= 0 ? 0 : strength * scored.score / first;
        if (score >= request.minScore()) {
          answered.add(hit(view.unit(scored.hit), score, terms));
        }
      }
      return answered;
    });
    return new SearchAnswer(hits, used, true, vectorReady, total, from, to, setAside[0], named, "");
  }

  /** The question's vector once computed (null in keyword mode); its failure as thrown by the model. */
  private static float[] vectorOf(CompletableFuture<float[]> embedding) {
    try {
      return embedding.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** A list's candidates; with a preferred period, its own best ones beside the best of all time. */
  private static List<SearchIndex.Hit> candidates(Optional<Query> preferred, Query filter, Retrieval retrieval)
      throws IOException {
    List<SearchIndex.Hit> all = retrieval.apply(filter);
    if (preferred.isEmpty()) {
      return all;
    }
    // scores of one list compare across both retrievals (BM25 and cosine do not depend on the filter)
    Map<String, SearchIndex.Hit> merged = new LinkedHashMap<>();
    for (SearchIndex.Hit hit : retrieval.apply(preferred.get())) {
      merged.put(hit.key(), hit);
    }
    all.forEach(hit -> merged.putIfAbsent(hit.key(), hit));
    List<SearchIndex.Hit> hits = new ArrayList<>(merged.values());
    hits.sort(Comparator.comparingDouble(SearchIndex.Hit::score).reversed());
    return hits;
  }

  private interface Retrieval {
    List<SearchIndex.Hit> apply(Query filter) throws IOException;
  }

  /** What {@code request} asks for: its types, or every type. */
  private static Set<String> types(SearchRequest request) {
    return request.types().isEmpty() ? Set.of(Unit.EVENT, Unit.TOC_NODE, Unit.GRIP) : request.types();
  }

  /** The filters of {@code request} (time, agent), or null when it has none; types are fields. */
  private static Query filter(SearchRequest request, Optional<Long> from, Optional<Long> to) {
    BooleanQuery.Builder filter = new BooleanQuery.Builder();
    boolean any = false;
    if (from.isPresent() || to.isPresent()) {
      filter.add(SearchIndex.timeRange(from.orElse(0L), to.orElse(Long.MAX_VALUE)), Occur.FILTER);
      any = true;
    }
    if (request.agent().isPresent()) {
      filter.add(SearchIndex.agent(request.agent().get()), Occur.FILTER);
      any = true;
    }
    return any ? filter.build() : null;
  }

  /**
   * The terms in the text fields of the wanted types and, at a lower weight, in the events'
   * context field, as one disjunction that must match, filtered: the shape Lucene answers with
   * dynamic pruning (block-max WAND) instead of scoring every unit that passes the filter.
   */
  private static Query keywordQuery(List<String> terms, Set<String> types, Query filter) {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (String term : terms) {
      for (String type : types) {
        words.add(new TermQuery(new Term(SearchIndex.textField(type), term)), Occur.SHOULD);
      }
      if (types.contains(Unit.EVENT)) {
        words.add(new BoostQuery(new TermQuery(new Term(SearchIndex.CONTEXT, term)),
            CONTEXT_WEIGHT), Occur.SHOULD);
      }
    }
    if (filter == null) {
      return words.build();
    }
    return new BooleanQuery.Builder().add(words.build(), Occur.MUST).add(filter, Occur.FILTER).build();
  }

  /**
   * A unit's best fused score, per event (or node, or grip), and the absolute evidence of its
   * units: the largest share of the query's keyword weight, the largest cosine.
   */
  private static final class Scored {
    final SearchIndex.Hit hit;
    double score;
    double keyword;
    double semantic;

    Scored(SearchIndex.Hit hit, double score) {
      this.hit = hit;
      this.score = score;
    }

    boolean isEvidence() {
      return keyword >= KEYWORD_EVIDENCE || semantic >= SEMANTIC_EVIDENCE;
    }

    double strength() {
      return Math.min(1.0, Math.max(keyword, semantic));
    }
  }

  /**
   * Sets each event's absolute evidence from its units in both lists: BM25 score over the query's
   * weight for that unit's type, and cosine similarity (the vectors are unit length and indexed
   * for dot product, which Lucene scores as (1 + cos) / 2).
   */
  private static void measureEvidence(SearchIndex.View view, Map<String, Scored> byDoc, List<SearchIndex.Hit> keyword,
      List<SearchIndex.Hit> semantic, List<String> terms) throws IOException {
    Map<String, Double> weights = new HashMap<>();
    for (SearchIndex.Hit hit : keyword) {
      String type = Unit.typeOfKey(hit.key());
      Double weight = weights.get(type);
      if (weight == null) {
        weight = view.queryWeight(terms, type);
        weights.put(type, weight);
      }
      Scored scored = byDoc.get(hit.docId());
      scored.keyword = Math.max(scored.keyword, weight <= 0 ? 0 : Math.min(1.0, hit.score() / weight));
    }
    for (SearchIndex.Hit hit : semantic) {
      Scored scored = byDoc.get(hit.docId());
      scored.semantic = Math.max(scored.semantic, 2.0 * hit.score() - 1);
    }
  }

  private static Map<String, Scored> fuse(List<SearchIndex.Hit> keyword, List<SearchIndex.Hit> semantic,
      SearchRequest request) {
    boolean hybrid = !keyword.isEmpty() && !semantic.isEmpty();
    double keywordWeight = hybrid ? request.bm25Weight() : 1.0;
    double vectorWeight = hybrid ? 1.0 - request.bm25Weight() : 1.0;
    Map<String, Double> keywordScores = scores(keyword, request.fusion());
    Map<String, Double> vectorScores = scores(semantic, request.fusion());
    Map<String, SearchIndex.Hit> units = new HashMap<>();
    keyword.forEach(hit -> units.putIfAbsent(hit.key(), hit));
    semantic.forEach(hit -> units.putIfAbsent(hit.key(), hit));
    Map<String, Scored> byDoc = new HashMap<>();
    for (SearchIndex.Hit unit : units.values()) {
      double score = keywordWeight * keywordScores.getOrDefault(unit.key(), 0.0)
          + vectorWeight * vectorScores.getOrDefault(unit.key(), 0.0);
      Scored best = byDoc.get(unit.docId());
      if (best == null || score > best.score) {
        byDoc.put(unit.docId(), new Scored(unit, score));
      }
    }
    return byDoc;
  }

  /**
   * Adds to each event a share of the best score in its session: the evidence for a question
   * sits together in one conversation, and the session that matches best pulls its turns up. The
   * best, not the sum: a sum favoured long sessions full of weak matches (LoCoMo vector any@5
   * 0.558 with the sum, 0.568 with the best).
   */
  private static void boostBySession(List<Scored> ranked) {
    Map<String, Double> bestInSession = new HashMap<>();
    for (Scored scored : ranked) {
      if (!scored.hit.sessionId().isEmpty()) {
        bestInSession.merge(scored.hit.sessionId(), scored.score, Double::max);
      }
    }
    double max = bestInSession.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (max <= 0) {
      return;
    }
    for (Scored scored : ranked) {
      double session = bestInSession.getOrDefault(scored.hit.sessionId(), 0.0) / max;
      scored.score = (scored.score + SESSION_WEIGHT * session) / (1 + SESSION_WEIGHT);
    }
  }

  /** Scores of one list in 0..1: min-max normalised (weighted fusion), or by rank (RRF). */
  private static Map<String, Double> scores(List<SearchIndex.Hit> hits, SearchRequest.Fusion fusion) {
    Map<String, Double> scores = new HashMap<>();
    if (hits.isEmpty()) {
      return scores;
    }
    double max = hits.stream().mapToDouble(SearchIndex.Hit::score).max().orElse(1);
    double min = hits.stream().mapToDouble(SearchIndex.Hit::score).min().orElse(0);
    for (int rank = 0; rank < hits.size(); rank++) {
      SearchIndex.Hit hit = hits.get(rank);
      double score = fusion == SearchRequest.Fusion.RRF ? (RRF_K + 1.0) / (RRF_K + 1.0 + rank)
          : max == min ? 1.0 : (hit.score() - min) / (max - min);
      scores.putIfAbsent(hit.key(), score);
    }
    return scores;
  }

  /** 1 for something from now, a little less for older, never below 1 - {@value #RECENCY_WEIGHT}. */
  private static double recency(long nowMs, long timestampMs) {
    double ageDays = Math.max(0, nowMs - timestampMs) / 86_400_000.0;
    return 1.0 - RECENCY_WEIGHT + RECENCY_WEIGHT * Math.exp(-ageDays / RECENCY_DAYS);
  }

  private SearchHit hit(Unit unit, double score, List<String> terms) {
    return new SearchHit(unit.docId(), unit.type(), (float) Math.min(1.0, score), unit.timestampMs(),
        unit.sessionId(), unit.agent(), unit.role(), snippet(unit.body(), terms), preview(unit.body()), unit.nodeId(),
        Unit.EVENT.equals(unit.type()) ? gripsCiting(unit) : List.of(), "");
  }

  /** Grips of the event's segment whose excerpt spans it (ULIDs sort in time). */
  private List<String> gripsCiting(Unit unit) {
    if (unit.nodeId().isEmpty()) {
      return List.of();
    }
    List<String> grips = new ArrayList<>();
    toc.node(unit.nodeId()).ifPresent(node -> {
      for (TocBullet bullet : node.bullets()) {
        for (String gripId : bullet.gripIds()) {
          Optional<Grip> grip = toc.grip(gripId);
          if (grip.isPresent() && grip.get().eventIdStart().compareTo(unit.docId()) <= 0
              && grip.get().eventIdEnd().compareTo(unit.docId()) >= 0 && !grips.contains(gripId)) {
            grips.add(gripId);
          }
        }
      }
    });
    return grips;
  }

  /** The window of {@value #SNIPPET_WORDS} words with the most matches, matched words **marked**. */
  private String snippet(String body, List<String> terms) {
    String flat = body.replaceAll("\\s+", " ").trim();
    String[] words = flat.split(" ");
    boolean[] matched = matchedWords(flat, words, new HashSet<>(terms));
    int bestStart = 0;
    int best = -1;
    for (int start = 0; start < Math.max(1, words.length - SNIPPET_WORDS + 1); start++) {
      int count = 0;
      for (int i = start; i < Math.min(words.length, start + SNIPPET_WORDS); i++) {
        count += matched[i] ? 1 : 0;
      }
      if (count > best) {
        best = count;
        bestStart = start;
      }
    }
    StringBuilder out = new StringBuilder(bestStart > 0 ? "..." : "");
    int end = Math.min(words.length, bestStart + SNIPPET_WORDS);
    for (int i = bestStart; i < end; i++) {
      out.append(i > bestStart ? " " : "").append(matched[i] ? "**" + words[i] + "**" : words[i]);
    }
    return out.append(end < words.length ? "..." : "").toString();
  }

  /**
   * Which of {@code words} (the space-separated words of {@code flat}) hold a wanted term: the
   * text is analyzed once, and each matching token marks the word its offset falls in.
   */
  private boolean[] matchedWords(String flat, String[] words, Set<String> wanted) {
    boolean[] matched = new boolean[words.length];
    int[] starts = new int[words.length];
    for (int i = 1; i < words.length; i++) {
      starts[i] = starts[i - 1] + words[i - 1].length() + 1;
    }
    try (TokenStream stream = analyzer.tokenStream(SearchIndex.TEXT, flat)) {
      CharTermAttribute term =
          stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset =
          stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int word = 0;
      while (stream.incrementToken()) {
        if (wanted.contains(term.toString())) {
          while (word + 1 < words.length && starts[word + 1] <= offset.startOffset()) {
            word++;
          }
          matched[word] = true;
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Analyzing a string cannot fail", e);
    }
    return matched;
  }

  private static String preview(String body) {
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() <= PREVIEW_CHARS ? flat : flat.substring(0, PREVIEW_CHARS) + "...";
  }
}
