package dev.agentmemory.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSearchTest {
  private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-20T12:00:00Z");
  private static Embeddings embeddings;

  @TempDir Path dir;

  @BeforeAll
  static void loadModel() throws InterruptedException {
    embeddings = Embeddings.loadInBackground();
    long deadline = System.currentTimeMillis() + 60_000;
    while (embeddings.ready().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(embeddings.status()).isEqualTo("ready");
  }

  @AfterAll
  static void closeModel() {
    embeddings.close();
  }

  private static int counter;

  private static Event event(String session, String day, int minute, EventRole role, String text, String agent) {
    long ts = ZonedDateTime.parse(day + "T09:00:00Z").plusMinutes(minute).toInstant().toEpochMilli();
    String id = new com.github.f4b6a3.ulid.Ulid(ts, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) counter++}).toString();
    return new Event(id, session, ts, (role == EventRole.USER ? EventType.USER_MESSAGE : EventType.ASSISTANT_MESSAGE)
        .number(), role.number(), text, Map.of(), agent);
  }

  /** Stores the events and lets the TOC's acknowledgement through (the indexer follows it). */
  private static void ingest(MemoryStore store, List<Event> events) {
    events.forEach(store.events()::append);
    long last = store.outbox().peek(Integer.MAX_VALUE).stream().mapToLong(e -> e.sequence()).max().orElse(0);
    store.write(tx -> store.outbox().acknowledgeUpTo(tx, last));
  }

  /** Waits until {@code units} units were written (and the indexer is caught up). */
  private static void awaitIndexed(StoreSearch search, long units) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while ((search.stats().behind() > 0 || search.index().unitsWritten() < units) && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertThat(search.index().unitsWritten()).isGreaterThanOrEqualTo(units);
  }

  private static void awaitIndexed(StoreSearch search) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while ((search.stats().behind() > 0 || search.stats().documents() == 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(search.stats().behind()).isZero();
  }

  private static SearchRequest request(String query, SearchRequest.Mode mode) {
    return new SearchRequest(query, mode, SearchRequest.Fusion.WEIGHTED, 5, 0.5f, Optional.empty(), Optional.empty(),
        Optional.empty(), Set.of(Unit.EVENT), 0f, NOW);
  }

  private static List<Event> conversation() {
    return List.of(
        event("s1", "2026-11-18", 0, EventRole.USER, "The checkout total is off by a cent when a coupon applies", "claude"),
        event("s1", "2026-11-18", 1, EventRole.ASSISTANT, "BigDecimal division rounds half-even; we switched the "
            + "discount to integer cents with floorDiv", "claude"),
        event("s2", "2026-11-10", 0, EventRole.USER, "Set up the Kafka consumer group for the audit log", "codex"),
        event("s2", "2026-11-10", 2, EventRole.ASSISTANT, "The consumer now commits offsets after each batch", "codex"),
        event("s3", "2026-11-19", 5, EventRole.USER, "Where did we decide to keep tax rates: in code or the table?",
            "claude"),
        event("s3", "2026-11-19", 6, EventRole.ASSISTANT, "We decided to keep VAT rates in the rates table", "claude"));
  }

  @Test
  void shouldFindEventsByKeyword_byMeaning_andByTimeNamedInTheQuery() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      ingest(store, conversation());
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, embeddings)) {
        awaitIndexed(search);

        SearchAnswer keyword = search.search(request("floorDiv discount", SearchRequest.Mode.BM25));
        assertThat(keyword.modeUsed()).isEqualTo(SearchRequest.Mode.BM25);
        assertThat(keyword.hits().get(0).preview()).contains("floorDiv");
        assertThat(keyword.hits().get(0).snippet()).contains("**floorDiv**", "**discount**");

        // no shared word with "rounding problem with coupons": the vectors find it
        awaitVectors(search);
        SearchAnswer meaning = search.search(request("money calculation wrong with vouchers", SearchRequest.Mode.VECTOR));
        assertThat(meaning.modeUsed()).isEqualTo(SearchRequest.Mode.VECTOR);
        assertThat(meaning.hits().get(0).preview()).containsAnyOf("coupon", "discount");

        SearchAnswer hybrid = search.search(request("where are VAT rates kept", SearchRequest.Mode.HYBRID));
        assertThat(hybrid.modeUsed()).isEqualTo(SearchRequest.Mode.HYBRID);
        assertThat(hybrid.hits().get(0).preview()).contains("rates table");

        // "last week" is 2026-11-09 to 2026-11-16 seen from 2026-11-20: preferred, the Kafka session first
        SearchAnswer lastWeek = search.search(request("consumer last week", SearchRequest.Mode.BM25));
        assertThat(lastWeek.hits()).isNotEmpty().allSatisfy(hit -> assertThat(hit.sessionId()).isEqualTo("s2"));
        assertThat(lastWeek.preferred()).map(TimePhrases.Found::startMs)
            .contains(ZonedDateTime.parse("2026-11-09T00:00:00Z").toInstant().toEpochMilli());
        assertThat(lastWeek.preferred()).map(TimePhrases.Found::phrase).contains("last week");
        assertThat(lastWeek.timeFromMs()).as("a phrase is no filter").isEmpty();

        SearchRequest codexOnly = new SearchRequest("consumer checkout", SearchRequest.Mode.BM25,
            SearchRequest.Fusion.WEIGHTED, 5, 0.5f, Optional.empty(), Optional.empty(), Optional.of("codex"),
            Set.of(Unit.EVENT), 0f, NOW);
        assertThat(search.search(codexOnly).hits()).isNotEmpty().allSatisfy(hit -> assertThat(hit.agent()).isEqualTo("codex"));
        assertThat(search.search(request("   ", SearchRequest.Mode.HYBRID)).hits()).isEmpty();
      }
    }
  }

  @Test
  void shouldAnswerNothing_forWhatWasNeverDiscussed_andNeverRankLifecycleRecords() throws Exception {
    List<Event> events = new ArrayList<>(conversation());
    events.add(new Event("01KA00000000000000000000ZZ", "s3", ZonedDateTime.parse("2026-11-19T09:30:00Z").toInstant()
        .toEpochMilli(), EventType.SESSION_END.number(), EventRole.SYSTEM.number(), "Session ended (reason: logout)",
        Map.of(), "claude"));
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      ingest(store, events);
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, embeddings)) {
        awaitIndexed(search);
        awaitVectors(search);

        for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
          SearchAnswer offTopic = search.search(request("How did we configure the Kubernetes ingress TLS certificates?", mode));
          assertThat(offTopic.hits()).as(mode.name()).isEmpty();
          assertThat(search.search(request("session ended logout", mode)).hits()).as(mode.name())
              .noneSatisfy(hit -> assertThat(hit.preview()).contains("Session ended"));
        }
        SearchAnswer onTopic = search.search(request("where are VAT rates kept", SearchRequest.Mode.HYBRID));
        assertThat(onTopic.hits()).isNotEmpty();
        assertThat(onTopic.hits().get(0).score()).isBetween(0.4f, 1.0f);
        assertThat(onTopic.hits()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
      }
    }
  }

  @Test
  void shouldPreferTheNamedTime_butKeepWhatFollowed_whenTheQuestionAsksForIt() throws Exception {
    // given: the plan made on 2026-11-10, what came of it on 2026-11-18 (seen from 2026-11-20)
    List<Event> events = List.of(
        event("p1", "2026-11-10", 0, EventRole.USER, "Plan: move the audit log consumer to a Kafka consumer group", "claude"),
        event("p2", "2026-11-18", 0, EventRole.ASSISTANT, "The audit log consumer group rollout finished; lag is gone",
            "claude"));
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      ingest(store, events);
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        awaitIndexed(search);

        // when
        SearchAnswer outcome = search.search(request("what came of the audit log consumer plan from last week",
            SearchRequest.Mode.BM25));
        SearchAnswer then = search.search(request("audit log consumer last week", SearchRequest.Mode.BM25));

        // then: the later event is there; without a question about what followed, the week leads
        assertThat(outcome.hits()).extracting(SearchHit::sessionId).contains("p1", "p2");
        assertThat(then.hits()).isNotEmpty();
        assertThat(then.hits().get(0).sessionId()).isEqualTo("p1");
      }
    }
  }

  @Test
  void shouldForgetEventsWithoutRebuilding_theirTextGoneFromSearchAndFromTheFiles() throws Exception {
    // given: a turn that leaked a secret, the answer that follows it (its context), another session
    String secret = "ZEBRA7741PAPAYA";
    Event leak = event("s1", "2026-11-18", 0, EventRole.USER, "Deploy the ledger with the token " + secret, "claude");
    Event answer = event("s1", "2026-11-18", 1, EventRole.ASSISTANT, "Deployed the ledger service to staging", "claude");
    Event other = event("s2", "2026-11-18", 2, EventRole.USER, "Rename the ledger export to accounting", "claude");
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      ingest(store, List.of(leak, answer, other));
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        awaitIndexed(search, 3);
        assertThat(search.search(request(secret, SearchRequest.Mode.BM25)).hits()).isNotEmpty();
        long written = search.index().unitsWritten();

        // when: the store forgets the event, then the index
        store.events().forget(List.of(leak), tx -> { });
        search.forget(List.of(leak.eventId()), List.of(), Set.of("s1"), leak.timestampMs());

        // then: not findable, the rest is; only the answer was written again; no index file holds it
        assertThat(search.search(request(secret, SearchRequest.Mode.BM25)).hits()).isEmpty();
        assertThat(search.search(request("staging", SearchRequest.Mode.BM25)).hits())
            .extracting(SearchHit::docId).containsExactly(answer.eventId());
        assertThat(search.search(request("accounting", SearchRequest.Mode.BM25)).hits()).hasSize(1);
        assertThat(search.index().unitsWritten() - written).isEqualTo(1);
        try (var files = Files.walk(StoreSearch.directoryOf(store))) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                .as(file.toString()).doesNotContain(secret);
          }
        }
      }
    }
  }

  @Test
  void shouldWriteEachLiveEventOnce_notAgainWhenItsSuccessorArrives() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      List<Event> events = conversation();
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        // the first build of an empty index done (an event arriving during it is written by the
        // build and again by the live step after it: correct, and the one rewrite this allows)
        long deadline = System.currentTimeMillis() + 30_000;
        while (search.index().position() < 0 && System.currentTimeMillis() < deadline) {
          Thread.sleep(5);
        }
        assertThat(search.index().position()).isNotNegative();

        // when: the events arrive one at a time, each indexed before the next comes
        for (Event event : events) {
          ingest(store, List.of(event));
          awaitIndexed(search, search.index().unitsWritten() + 1);
        }

        // then: one unit per (short) event, none written twice; the next event's turn before is its context
        assertThat(search.index().unitsWritten()).isEqualTo(events.size());
        assertThat(search.search(request("floorDiv", SearchRequest.Mode.BM25)).hits())
            .extracting(SearchHit::docId).containsExactly(events.get(1).eventId());
      }
    }
  }

  @Test
  void shouldCallUnchangedOnlyWhatTheIndexHoldsAsItIs() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"));
        StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
      SearchIndex index = builtFromTheLog(search);
      Unit node = new Unit("n:toc:segment:x", "toc:segment:x", Unit.TOC_NODE, "Fix the build\n(20 November 2026)", "",
          "Fix the build", 1_795_000_000_000L, "", "", 0, "toc:segment:x");
      Unit grew = new Unit(node.key(), node.docId(), node.type(), "Fix the build and the tests\n(20 November 2026)",
          "", "Fix the build and the tests", node.timestampMs(), "", "", 0, node.nodeId());
      assertThat(index.changed(List.of(node))).containsExactly(node);

      index.put(List.of(node), false);
      index.refresh();

      assertThat(index.changed(List.of(node))).isEmpty();
      assertThat(index.changed(List.of(grew))).containsExactly(grew);
    }
  }

  @Test
  void shouldNotStoreAVectorForAUnitWrittenAgainMeanwhile() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"));
        StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
      // given: an event indexed before the TOC placed it, read by the vector worker, then indexed
      // again with its segment while the worker computed the vector
      SearchIndex index = builtFromTheLog(search);
      Unit early = new Unit("e:01A:0", "01A", Unit.EVENT, "User (20 November 2026): the build fails", "",
          "the build fails", 1_795_000_000_000L, "s1", "claude", 1, "");
      Unit placed = new Unit(early.key(), early.docId(), early.type(), early.text(), "", early.body(),
          early.timestampMs(), "s1", "claude", 1, "toc:segment:x");
      index.put(List.of(early), true);
      index.refresh();
      List<Unit> read = index.pendingVectors(16);
      index.put(List.of(placed), true);

      // when
      int stored = index.putVectors(Map.of(read.get(0), new float[384]));

      // then: the old version is not written back; the new one waits for its own vector
      index.refresh();
      assertThat(stored).isZero();
      assertThat(index.pendingVectors(16)).containsExactly(placed);
      assertThat(index.putVectors(Map.of(placed, unitVector()))).isEqualTo(1);
    }
  }

  /** The index once the indexer has built it from the (empty) log: that build clears it first. */
  private static SearchIndex builtFromTheLog(StoreSearch search) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (search.index().position() < 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertThat(search.index().position()).isNotNegative();
    return search.index();
  }

  private static float[] unitVector() {
    float[] vector = new float[384];
    vector[0] = 1;
    return vector;
  }

  @Test
  void shouldResumeAfterARestart_withEveryEventOnceAndNothingLost() throws Exception {
    List<Event> all = conversation();
    List<Event> more = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      more.add(event("s9", "2026-11-19", 10 + i, EventRole.USER, "note number " + i + " about the invoice export", "claude"));
    }
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      ingest(store, all);
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        awaitIndexed(search);
      }
      ingest(store, more);
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        awaitIndexed(search);
        SearchRequest wide = new SearchRequest("invoice export note", SearchRequest.Mode.BM25,
            SearchRequest.Fusion.WEIGHTED, 100, 0.5f, Optional.empty(), Optional.empty(), Optional.empty(),
            Set.of(Unit.EVENT), 0f, NOW);
        assertThat(search.search(wide).hits()).hasSize(50);
        assertThat(search.stats().documents()).isEqualTo(56);
      }
    }
  }

  @Test
  void shouldBuildTheIndexAgainFromTheLog_whenItWasWrittenInAnOlderFormat() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      // given: the events, and an index an older version wrote (format 3) holding a stale unit
      ingest(store, conversation());
      try (IndexWriter old = new IndexWriter(
          FSDirectory.open(StoreSearch.directoryOf(store)),
          new IndexWriterConfig())) {
        Document stale = new Document();
        stale.add(new StringField("key", "e:stale:0",
            Field.Store.YES));
        old.addDocument(stale);
        old.setLiveCommitData(Map.of("format", "3", "outbox.position", "6").entrySet());
        old.commit();
      }
      store.outbox().acknowledgeSearchUpTo(6); // as that version left it: everything taken in

      // when
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        awaitIndexed(search);

        // then: built from the events (one unit each), the stale unit gone
        assertThat(search.stats().documents()).isEqualTo(6);
        assertThat(search.search(request("coupon checkout total", SearchRequest.Mode.BM25)).hits()).isNotEmpty();
      }
    }
  }

  @Test
  void shouldEmbedWhatWasIndexedWithoutVectors_whenVectorsAreTurnedOn() throws Exception {
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      ingest(store, conversation());
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, Embeddings.off())) {
        awaitIndexed(search);
        assertThat(search.stats().pendingVectors()).isZero();
      }
      try (StoreSearch search = StoreSearch.open(store, ZoneOffset.UTC, embeddings)) {
        long deadline = System.currentTimeMillis() + 30_000;
        while ((search.stats().documents() == 0 || search.stats().pendingVectors() < search.stats().documents())
            && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        assertThat(search.stats().pendingVectors()).isEqualTo(search.stats().documents()).isPositive();
        awaitVectors(search);
        SearchAnswer meaning = search.search(request("money calculation wrong with vouchers", SearchRequest.Mode.VECTOR));
        assertThat(meaning.modeUsed()).isEqualTo(SearchRequest.Mode.VECTOR);
      }
    }
  }

  private static void awaitVectors(StoreSearch search) throws InterruptedException {
    try (AutoCloseable worker = StoreSearch.startVectorWorker(embeddings, () -> List.of(search))) {
      long deadline = System.currentTimeMillis() + 60_000;
      while (search.stats().pendingVectors() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(search.stats().vectors()).isEqualTo(search.stats().documents());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
