package dev.agentmemory.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamagedWalTest {
  @TempDir Path dir;

  /** The files of an open store, as a crash would leave them (nothing flushed: all in the log). */
  private Path crashImage(int events) throws IOException {
    Path live = dir.resolve("live");
    Path image = Files.createDirectories(dir.resolve("image"));
    try (MemoryStore store = MemoryStore.open(live)) {
      for (int i = 0; i < events; i++) {
        store.events().append(TestEvents.event(1_000L + i, "event " + i + " " + "x".repeat(200)));
      }
      try (Stream<Path> files = Files.list(live)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(file) && !file.getFileName().toString().equals("LOCK")) {
            Files.copy(file, image.resolve(file.getFileName()));
          }
        }
      }
    }
    return image;
  }

  private static Path walOf(Path store) throws IOException {
    try (Stream<Path> files = Files.list(store)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
    }
  }

  private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.seek(offset);
      out.write(bytes);
    }
  }

  @Test
  void shouldReportAndKeepACopy_whenTheLogIsDamagedBeforeItsEnd() throws IOException {
    // given
    Path image = crashImage(1_000);
    Path wal = walOf(image);
    overwrite(wal, Files.size(wal) / 2, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});

    // when
    try (MemoryStore store = MemoryStore.open(image)) {
      // then: recovered up to the damage, and said so
      assertThat(store.damagedWal()).isPresent();
      DamagedWal damaged = store.damagedWal().orElseThrow();
      assertThat(damaged.dropped()).anySatisfy(line -> assertThat(line).contains(wal.getFileName().toString(), "bytes"));
      assertThat(damaged.kept().resolve(wal.getFileName())).exists();
      assertThat(store.events().count()).isBetween(1L, 999L);
      assertThat(store.warnings()).singleElement().asString()
          .contains("write-ahead log", "was damaged", "may be missing", damaged.kept().toString());
      assertThat(store.stats().warnings()).isEqualTo(store.warnings());
    }

    // and the warning stays on later opens until the copy is removed
    try (MemoryStore again = MemoryStore.open(image)) {
      assertThat(again.damagedWal()).isEmpty();
      assertThat(again.warnings()).hasSize(1);
      DamagedWal.discard(onlyKeptDir(image));
      assertThat(again.warnings()).isEmpty();
    }
  }

  @Test
  void shouldSayNothing_whenACrashLeftTheLogWhole_orOnlyItsLastWriteTorn() throws IOException {
    // given
    Path whole = crashImage(300);
    Path torn = dir.resolve("torn");
    Files.move(whole, torn);
    Path wal = walOf(torn);
    try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
      file.setLength(file.length() - 7);
    }

    // when
    try (MemoryStore store = MemoryStore.open(torn)) {
      // then
      assertThat(store.damagedWal()).isEmpty();
      assertThat(store.warnings()).isEmpty();
      assertThat(store.events().count()).isEqualTo(299);
    }
  }

  private static Path onlyKeptDir(Path store) throws IOException {
    try (Stream<Path> files = Files.list(store)) {
      return files.filter(f -> f.getFileName().toString().startsWith(DamagedWal.DIR_PREFIX)).findFirst().orElseThrow();
    }
  }
}
