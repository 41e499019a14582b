package dev.agentmemory.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.domain.AgentTally;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
  @TempDir Path dir;
  private MemoryStore store;

  @BeforeEach
  void open() {
    store = MemoryStore.open(dir.resolve("db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldStoreAndReadBackAnEvent() {
    // given
    Event event = TestEvents.event(1_000L, "hello");

    // when
    IngestResult result = store.events().append(event);

    // then
    assertThat(result.created()).isTrue();
    assertThat(store.events().get(event.eventId())).contains(event);
    assertThat(store.events().get(EventKey.of(event))).contains(event);
  }

  @Test
  void shouldStoreNothing_whenTheIdIsAlreadyStoredWithAnotherPayload() {
    // given
    Event first = TestEvents.event(1_000L, "first");
    store.events().append(first);
    Event retry = TestEvents.event(first.eventId(), 9_999L, "different");

    // when
    IngestResult result = store.events().append(retry);

    // then
    assertThat(result.created()).isFalse();
    assertThat(scanAll()).containsExactly(first);
    assertThat(store.outbox().pending()).isEqualTo(1);
  }

  @Test
  void shouldCreateExactlyOnce_whenManyThreadsIngestTheSameIdAtOnce() throws Exception {
    // given
    int threads = 16;
    String id = TestEvents.newId();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<IngestResult>> results = new ArrayList<>();

    // when
    for (int i = 0; i < threads; i++) {
      long timestamp = 1_000L + i;
      results.add(pool.submit(() -> {
        start.await();
        return store.events().append(TestEvents.event(id, timestamp, "payload " + timestamp));
      }));
    }
    start.countDown();
    int created = 0;
    for (Future<IngestResult> result : results) {
      created += result.get().created() ? 1 : 0;
    }
    pool.shutdown();

    // then
    assertThat(created).isEqualTo(1);
    assertThat(scanAll()).hasSize(1);
  }

  @Test
  void shouldScanInSourceTimestampOrder_withBothEndsInclusive() {
    // given
    Event late = TestEvents.event(3_000L, "late");
    Event early = TestEvents.event(1_000L, "early");
    Event middle = TestEvents.event(2_000L, "middle");
    Event outside = TestEvents.event(3_001L, "outside");
    List.of(late, outside, early, middle).forEach(store.events()::append);

    // when
    List<Event> inRange = new ArrayList<>();
    try (CloseableIterator<Event> it = store.events().scan(1_000L, 3_000L)) {
      it.forEachRemaining(inRange::add);
    }

    // then
    assertThat(inRange).containsExactly(early, middle, late);
  }

  @Test
  void shouldFindNothing_whenTheRangeIsInverted() {
    store.events().append(TestEvents.event(2_000L, "x"));

    try (CloseableIterator<Event> it = store.events().scan(3_000L, 1_000L)) {
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void shouldKeepEvents_acrossReopen() {
    // given
    Event event = TestEvents.event(1_000L, "persisted");
    store.events().append(event);

    // when
    store.close();
    store = MemoryStore.open(dir.resolve("db"));

    // then
    assertThat(store.events().get(event.eventId())).contains(event);
    assertThat(store.events().append(event).created()).isFalse();
  }

  private List<Event> scanAll() {
    List<Event> all = new ArrayList<>();
    try (CloseableIterator<Event> it = store.events().scan(0, Long.MAX_VALUE)) {
      it.forEachRemaining(all::add);
    }
    return all;
  }

  @Test
  void shouldCountRedactionsOfStoredEventsOnly_andKeepTheCountAcrossARestart() {
    // given
    Event event = TestEvents.event(3_000L, "token [REDACTED:github-token]");

    // when: the same event twice (a re-import), then another
    store.events().append(event, 1);
    store.events().append(event, 1);
    store.events().append(TestEvents.event(3_001L, "[REDACTED:aws-access-key] [REDACTED:password]"), 2);
    store.close();
    store = MemoryStore.open(dir.resolve("db"));

    // then
    assertThat(store.events().redactions()).isEqualTo(3);
    assertThat(store.events().count()).isEqualTo(2);
  }

  @Test
  void shouldCountEventsPerAgent_throughForgetAndReopen_andCountAnOldStoreOnce() {
    // given
    Event claude = TestEvents.event(1_000L, "from claude");
    Event gemini = new Event(TestEvents.newId(), "s2", 2_000L, EventType.USER_MESSAGE.number(), EventRole.USER.number(),
        "from gemini", Map.of(), "gemini");
    Event unnamed = new Event(TestEvents.newId(), "s3", 3_000L, EventType.USER_MESSAGE.number(), EventRole.USER.number(),
        "from an old client", Map.of(), "");

    // when
    store.events().append(claude);
    store.events().append(gemini);
    store.events().append(gemini);
    store.events().append(unnamed);
    store.events().forget(List.of(claude), tx -> { });

    // then: the duplicate counted once, the forgotten one taken off
    assertThat(store.events().agents()).containsOnlyKeys("claude", "gemini", AgentTally.NONE);
    assertThat(store.events().agents().get("claude").events()).isZero();
    assertThat(store.events().agents().get("gemini").events()).isEqualTo(1);
    assertThat(store.events().agents().get("gemini").lastStoredMs()).isGreaterThan(1_000_000_000_000L);

    // when: reopened, and reopened after the tallies are gone (a store made before them)
    store.close();
    store = MemoryStore.open(dir.resolve("db"));
    Map<String, AgentTally> reopened = store.events().agents();
    store.checkpoints().delete(Checkpoint.AGENTS_COUNTED);
    store.checkpoints().delete(Checkpoint.agent("gemini"));
    store.close();
    store = MemoryStore.open(dir.resolve("db"));

    // then
    assertThat(reopened.get("gemini").events()).isEqualTo(1);
    assertThat(store.events().agents().get("gemini")).as("counted from the log, its own time as the last")
        .isEqualTo(new AgentTally(1, 2_000L));
    assertThat(store.checkpoints().get(Checkpoint.AGENTS_COUNTED)).isPresent();
  }
}
