package dev.agentmemory.bench;

import dev.agentmemory.event.Event;
import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.SearchHit;
import dev.agentmemory.search.SearchRequest;
import dev.agentmemory.search.StoreSearch;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code memory-bench recall DIR}: evidence recall of the product's own search on the LoCoMo
 * conversations in DIR, each in a store of its own (one event per turn, the speaker and the
 * session's date with it, the TOC built, the index fed by its indexer and vector worker). For each
 * question of categories 1-4, the turns LoCoMo marks as its evidence: any@k is the share of
 * questions with at least one of them among the first k events found, all@k with all of them.
 */
public final class RecallBench {
  private static final int[] KS = {5, 10};
  /** Questions about what none of these conversations touched: an honest search answers nothing. */
  static final List<String> OFF_TOPIC = List.of(
      "What did we decide about the JWT refresh token rotation?",
      "Why did the Kubernetes ingress return 502 errors?",
      "Which Postgres index fixed the slow invoice query?",
      "How did we configure the Gradle build cache?",
      "What was the root cause of the OAuth redirect loop?",
      "Did the React hydration mismatch get fixed?",
      "Where did we set the Redis eviction policy?",
      "Why does the Rust borrow checker reject parser.rs?");

  private RecallBench() {}

  /**
   * Recall figures of one mode, and honesty: on-topic questions answered with nothing, off-topic
   * questions ({@link #OFF_TOPIC}, asked of every conversation) answered with something.
   */
  record Recall(int questions, double any5, double any10, double all5, double all10, int emptyOnTopic, int offTopic,
      int offTopicAnswered) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: memory-bench recall DIR [--cross-validate]");
      System.exit(2);
    }
    if (List.of(args).contains("--cross-validate")) {
      RecallCrossValidation.run(Path.of(args[0]));
      return;
    }
    Map<SearchRequest.Mode, Recall> recall = evaluate(Path.of(args[0]));
    System.out.printf("Evidence recall on %s (categories 1-4)%n", args[0]);
    System.out.printf("%-8s %9s %7s %7s %7s %7s %15s %18s%n", "mode", "questions", "any@5", "any@10", "all@5", "all@10",
        "empty answers", "off-topic answered");
    recall.forEach((mode, r) -> System.out.printf("%-8s %9d %7.3f %7.3f %7.3f %7.3f %15d %12d of %3d%n",
        mode.name().toLowerCase(), r.questions(), r.any5(), r.any10(), r.all5(), r.all10(), r.emptyOnTopic(),
        r.offTopicAnswered(), r.offTopic()));
  }

  static Map<SearchRequest.Mode, Recall> evaluate(Path dir) throws Exception {
    Map<SearchRequest.Mode, int[]> counts = new EnumMap<>(SearchRequest.Mode.class);
    for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
      counts.put(mode, new int[8]);
    }
    try (Embeddings embeddings = Embeddings.loadInBackground()) {
      for (Locomo.Conversation conversation : Locomo.load(dir)) {
        evaluate(conversation, embeddings, counts);
      }
    }
    Map<SearchRequest.Mode, Recall> recall = new EnumMap<>(SearchRequest.Mode.class);
    counts.forEach((mode, c) -> recall.put(mode, new Recall(c[0], (double) c[1] / c[0], (double) c[2] / c[0],
        (double) c[3] / c[0], (double) c[4] / c[0], c[5], c[6], c[7])));
    return recall;
  }

  /** What is asked of one conversation once it is stored and indexed. */
  @FunctionalInterface
  interface Evaluation {
    void run(Locomo.Conversation conversation, Indexed indexed) throws Exception;
  }

  /** A conversation's store, searchable, with the LoCoMo turn id of each event and "now" for its questions. */
  record Indexed(StoreSearch search, Map<String, String> diaIds, ZonedDateTime now) {
    /** The LoCoMo turn ids of the first hits of {@code question} (top 10, events). */
    List<String> found(String question, SearchRequest.Mode mode, float bm25Weight) {
      List<SearchHit> hits = search.search(new SearchRequest(question, mode, SearchRequest.Fusion.WEIGHTED, 10,
          bm25Weight, Optional.empty(), Optional.empty(), Optional.empty(), Set.of("event"), 0f, now)).hits();
      return hits.stream().map(hit -> diaIds.get(hit.docId())).toList();
    }
  }

  private static void evaluate(Locomo.Conversation conversation, Embeddings embeddings,
      Map<SearchRequest.Mode, int[]> counts) throws Exception {
    indexed(conversation, embeddings, (asked, indexed) -> {
      for (Locomo.Question question : questions(asked)) {
        for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
          count(counts.get(mode), indexed.found(question.text(), mode, SearchRequest.DEFAULT_BM25_WEIGHT),
              question.evidence());
        }
      }
      for (String question : OFF_TOPIC) {
        for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
          int[] c = counts.get(mode);
          c[6]++;
          c[7] += indexed.found(question, mode, SearchRequest.DEFAULT_BM25_WEIGHT).isEmpty() ? 0 : 1;
        }
      }
    });
  }

  /** The questions of categories 1-4 that name their evidence. */
  static List<Locomo.Question> questions(Locomo.Conversation conversation) {
    return conversation.questions().stream()
        .filter(q -> q.category() >= 1 && q.category() <= 4 && !q.evidence().isEmpty()).toList();
  }

  /** Adds one question's outcome to {@code c}: questions, any@5, any@10, all@5, all@10, empty answers. */
  static void count(int[] c, List<String> found, List<String> evidence) {
    c[0]++;
    c[1] += any(found, evidence, 5) ? 1 : 0;
    c[2] += any(found, evidence, 10) ? 1 : 0;
    c[3] += all(found, evidence, 5) ? 1 : 0;
    c[4] += all(found, evidence, 10) ? 1 : 0;
    c[5] += found.isEmpty() ? 1 : 0;
  }

  /** Stores {@code conversation} (one event per turn), builds its TOC and index, then runs {@code evaluation}. */
  static void indexed(Locomo.Conversation conversation, Embeddings embeddings, Evaluation evaluation) throws Exception {
    Path storeDir = Files.createTempDirectory("recall-" + conversation.id());
    try (MemoryStore store = MemoryStore.open(storeDir)) {
      List<Event> events = Locomo.events(conversation);
      Map<String, String> diaIds = new HashMap<>();
      events.forEach(event -> diaIds.put(event.eventId(), event.metadata().get("dia_id")));
      events.forEach(store.events()::append);
      long last = store.outbox().peek(Integer.MAX_VALUE).stream().mapToLong(e -> e.sequence()).max().orElse(0);
      try (TocBuilder builder = new TocBuilder(store, TocConfig.defaults(ZoneOffset.UTC), new LocalSummarizer(),
          TokenCounter.shared())) {
        builder.apply(events, OptionalLong.of(last));
      }
      ZonedDateTime now = ZonedDateTime.ofInstant(Instant.ofEpochMilli(
          events.get(events.size() - 1).timestampMs()), ZoneOffset.UTC).plusDays(1);
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, embeddings);
          AutoCloseable vectors = StoreSearch.startVectorWorker(embeddings, () -> List.of(search))) {
        awaitIndexed(search, embeddings);
        evaluation.run(conversation, new Indexed(search, diaIds, now));
      }
    } finally {
      LocomoSummaryEval.deleteRecursively(storeDir);
    }
  }

  private static boolean any(List<String> found, List<String> evidence, int k) {
    return found.subList(0, Math.min(k, found.size())).stream().anyMatch(evidence::contains);
  }

  private static boolean all(List<String> found, List<String> evidence, int k) {
    return found.subList(0, Math.min(k, found.size())).containsAll(evidence);
  }

  private static void awaitIndexed(StoreSearch search, Embeddings embeddings) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 600_000;
    while (System.currentTimeMillis() < deadline) {
      StoreSearch.Stats stats = search.stats();
      boolean vectorsDone = embeddings.status().startsWith("unavailable") || (stats.pendingVectors() == 0
          && embeddings.status().equals("ready"));
      if (stats.behind() == 0 && stats.documents() > 0 && vectorsDone) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the index did not catch up within 10 minutes");
  }
}
