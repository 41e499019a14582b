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
      System.err.println("usage: memory-bench recall DIR");
      System.exit(2);
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

  private static void evaluate(Locomo.Conversation conversation, Embeddings embeddings,
      Map<SearchRequest.Mode, int[]> counts) throws Exception {
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
      ZonedDateTime now = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(
          events.get(events.size() - 1).timestampMs()), ZoneOffset.UTC).plusDays(1);
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, embeddings);
          AutoCloseable vectors = StoreSearch.startVectorWorker(embeddings, () -> List.of(search))) {
        awaitIndexed(search, embeddings);
        for (Locomo.Question question : conversation.questions()) {
          if (question.category() < 1 || question.category() > 4 || question.evidence().isEmpty()) {
            continue;
          }
          for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
            List<SearchHit> hits = search.search(new SearchRequest(question.text(), mode, SearchRequest.Fusion.WEIGHTED,
                10, SearchRequest.DEFAULT_BM25_WEIGHT, Optional.empty(), Optional.empty(), Optional.empty(), Set.of("event"), 0f, now)).hits();
            List<String> found = hits.stream().map(hit -> diaIds.get(hit.docId())).toList();
            int[] c = counts.get(mode);
            c[0]++;
            c[1] += any(found, question.evidence(), 5) ? 1 : 0;
            c[2] += any(found, question.evidence(), 10) ? 1 : 0;
            c[3] += all(found, question.evidence(), 5) ? 1 : 0;
            c[4] += all(found, question.evidence(), 10) ? 1 : 0;
            c[5] += found.isEmpty() ? 1 : 0;
          }
        }
        for (String question : OFF_TOPIC) {
          for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
            int[] c = counts.get(mode);
            c[6]++;
            c[7] += search.search(new SearchRequest(question, mode, SearchRequest.Fusion.WEIGHTED, 10,
                SearchRequest.DEFAULT_BM25_WEIGHT, Optional.empty(), Optional.empty(), Optional.empty(), Set.of("event"),
                0f, now)).hits().isEmpty() ? 0 : 1;
          }
        }
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
