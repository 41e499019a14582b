package dev.agentmemory.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreVerificationTest {
  @TempDir Path dir;

  @Test
  void shouldFindASoundStoreSound_andItsCheckpointToo() {
    // given
    Path original = dir.resolve("db");
    Path copy = dir.resolve("backup");
    try (MemoryStore store = MemoryStore.open(original)) {
      for (int i = 0; i < 100; i++) {
        store.events().append(TestEvents.event(1_000L + i, "event " + i));
      }

      // when
      StoreVerification verified = store.verify();
      store.checkpoint(copy);
      store.events().append(TestEvents.event(5_000L, "after the checkpoint"));

      // then
      assertThat(verified.problems()).isEmpty();
      assertThat(verified.events()).isEqualTo(100);
    }
    try (MemoryStore backup = MemoryStore.openReadOnly(copy)) {
      assertThat(backup.verify().problems()).isEmpty();
      assertThat(backup.events().count()).isEqualTo(100);
    }
  }

  @Test
  void shouldReportACounterThatDisagreesWithTheLog() {
    // given: the counter moved by hand, as a bug would
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      Event event = TestEvents.event(1_000L, "one");
      store.events().append(event);
      store.checkpoints().put(Checkpoint.EVENTS_COUNT, 7L);
    }

    // when
    StoreVerification verified;
    try (MemoryStore store = MemoryStore.openReadOnly(dir.resolve("db"))) {
      verified = store.verify();
    }

    // then
    assertThat(verified.sound()).isFalse();
    assertThat(verified.problems()).containsExactly("the event counter says 7, the log holds 1");
  }

  @Test
  void shouldReportADamagedTableFile() throws Exception {
    // given: events flushed into a table file, then one byte in its middle flipped
    try (MemoryStore store = MemoryStore.open(dir.resolve("db"))) {
      for (int i = 0; i < 200; i++) {
        store.events().append(TestEvents.event(1_000L + i, "event number " + i + " with some text to fill a block"));
      }
      store.flush();
    }
    Path table;
    try (var files = Files.list(dir.resolve("db"))) {
      table = files.filter(f -> f.toString().endsWith(".sst")).max((a, b) -> Long.compare(a.toFile().length(),
          b.toFile().length())).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(table);
    bytes[bytes.length / 3] ^= 0x5A;
    Files.write(table, bytes);

    // when
    StoreVerification verified;
    try (MemoryStore store = MemoryStore.openReadOnly(dir.resolve("db"))) {
      verified = store.verify();
    }

    // then
    assertThat(verified.problems()).anySatisfy(problem -> assertThat(problem).startsWith("RocksDB checksums:"));
  }
}
