package dev.agentmemory.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.storage.StorageOpenException;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryDaemonTest {
  @TempDir Path tmp;

  private Platform platform(String name) {
    return new Platform(
        Platform.Os.LINUX, tmp.resolve(name + "-home"), Map.of("XDG_RUNTIME_DIR", tmp.resolve(name + "-run").toString()));
  }

  private DaemonConfig config(Platform platform, Path db) {
    return new ConfigLoader(platform)
        .load(Optional.empty(), Map.of(ConfigKey.GRPC_PORT, "0", ConfigKey.DB_PATH, db.toString()));
  }

  @Test
  void shouldServeHealthPublishItsFilesAndRemoveThemOnClose() {
    // given
    Platform platform = platform("a");
    Path db = tmp.resolve("db");

    // when
    MemoryDaemon daemon = MemoryDaemon.start(config(platform, db), platform, Clock.systemUTC(), Optional.empty());

    // then
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
    try {
      assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(ServingStatus.SERVING);
      assertThat(platform.pidFile()).hasContent(Long.toString(ProcessHandle.current().pid()));
      assertThat(platform.pidFile().resolveSibling("daemon.json")).exists();
      assertThat(db.resolve("daemon.lock")).exists();
    } finally {
      channel.shutdownNow();
      daemon.close();
    }
    assertThat(platform.pidFile()).doesNotExist();
    assertThat(platform.pidFile().resolveSibling("daemon.json")).doesNotExist();
  }

  @Test
  void shouldCreateTheStoreDirectoryForItsOwnerOnly() throws IOException {
    Platform platform = platform("a");
    Path db = tmp.resolve("nested/db");

    try (MemoryDaemon daemon = MemoryDaemon.start(config(platform, db), platform, Clock.systemUTC(), Optional.empty())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rwx------");
    }
  }

  @Test
  void shouldRefuseASecondDaemonOnTheSameStore_namingTheFirst() {
    // given: two daemons with their own PID files but one store
    Path db = tmp.resolve("db");
    Platform first = platform("a");
    Platform second = platform("b");

    try (MemoryDaemon daemon = MemoryDaemon.start(config(first, db), first, Clock.systemUTC(), Optional.empty())) {
      // when / then
      assertThatThrownBy(() -> MemoryDaemon.start(config(second, db), second, Clock.systemUTC(), Optional.empty()))
          .isInstanceOf(DaemonStartException.class)
          .hasMessageContaining("is locked by another memory daemon (pid " + ProcessHandle.current().pid() + ")");
      assertThat(second.pidFile()).doesNotExist();
    }
  }

  @Test
  void shouldExplainPermissionProblems() {
    StorageOpenException denied = new StorageOpenException(
        Path.of("/srv/db"), StorageOpenException.Reason.PERMISSION_DENIED, "IO error: /srv/db/LOCK: Permission denied", null);

    assertThat(MemoryDaemon.explain(denied).getMessage())
        .contains("Permission denied on db_path /srv/db", "chmod 700", "--db-path");
  }

  @Test
  void shouldSuggestARestore_whenTheStoreIsDamaged() throws IOException {
    Path db = Files.createDirectories(tmp.resolve("db"));
    Files.writeString(db.resolve("CURRENT"), "MANIFEST-000042\n");
    Platform platform = platform("a");

    assertThatThrownBy(() -> MemoryDaemon.start(config(platform, db), platform, Clock.systemUTC(), Optional.empty()))
        .isInstanceOf(DaemonStartException.class)
        .hasMessageContaining("Cannot open the store at " + db)
        .hasMessageContaining("restore it from a backup");
  }
}
