package dev.agentmemory.storage;

import dev.agentmemory.event.Event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxStoreTest {
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
  void shouldAnnounceEveryNewEvent_inCommitOrder() {
    // given
    Event a = TestEvents.event(5_000L, "a");
    Event b = TestEvents.event(1_000L, "b");

    // when
    store.events().append(a);
    store.events().append(b);
    store.events().append(a);

    // then
    assertThat(store.outbox().peek(10))
        .containsExactly(new OutboxEntry(1, EventKey.of(a)), new OutboxEntry(2, EventKey.of(b)));
  }

  @Test
  void shouldDeleteAcknowledgedEntries_andContinueSequencesAfterReopen() {
    // given
    for (int i = 0; i < 5; i++) {
      store.events().append(TestEvents.event(1_000L + i, "e" + i));
    }

    // when
    store.write(tx -> store.outbox().acknowledgeUpTo(tx, 5));
    store.close();
    store = MemoryStore.open(dir.resolve("db"));
    Event next = TestEvents.event(9_000L, "next");
    store.events().append(next);

    // then
    assertThat(store.outbox().peek(10)).containsExactly(new OutboxEntry(6, EventKey.of(next)));
    assertThat(store.outbox().pending()).isEqualTo(1);
  }

  @Test
  void shouldNeverDropUnacknowledgedEntries_whenTheQueueGrowsLargeAndIsCompacted() {
    // given: far more entries than fit in one memtable (8 MiB), half acknowledged
    int total = 300_000;
    for (int i = 0; i < total; i++) {
      store.events().append(TestEvents.event(1_000L + i, "e"));
    }
    store.write(tx -> store.outbox().acknowledgeUpTo(tx, total / 2));

    // when
    store.flush();
    store.compact("outbox");

    // then
    List<OutboxEntry> remaining = store.outbox().peek(total);
    assertThat(remaining).hasSize(total / 2);
    assertThat(remaining.get(0).sequence()).isEqualTo(total / 2 + 1);
    assertThat(remaining.get(remaining.size() - 1).sequence()).isEqualTo(total);
  }
}
