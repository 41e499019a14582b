package dev.agentmemory.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * RocksDB stays behind this module's API: no main code of another module names the
 * {@code storage.rocksdb} package (the build has no module system to say so).
 */
class StorageBoundaryTest {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @Test
  void shouldKeepTheRocksDbPackageInsideTheStorageModule() throws IOException {
    assertThat(REPOSITORY.resolve("memory-daemon/src/main/java")).as("the repository's modules").isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      offenders = files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> file.toString().contains("/src/main/java/"))
          .filter(file -> !file.startsWith(REPOSITORY.resolve("memory-storage")))
          .filter(file -> !file.toString().contains("/target/"))
          .filter(file -> read(file).contains("dev.agentmemory.storage.rocksdb"))
          .map(file -> REPOSITORY.relativize(file).toString())
          .toList();
    }
    assertThat(offenders).as("main code outside memory-storage naming storage.rocksdb").isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
