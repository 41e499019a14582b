package dev.agentmemory.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.ConfigLoader;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.search.StoreSearch;
import dev.agentmemory.storage.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forget killed after its deletion is finished when the store opens next. */
class ForgetResumeTest {
  @TempDir Path tmp;

  @Test
  void shouldFinishTheCleanUpOfAnInterruptedForget_whenTheStoreOpens() throws Exception {
    // given: a store whose last forget wrote its deletion and audit, then died
    Path dir = tmp.resolve("db");
    DaemonConfig config = new ConfigLoader(new Platform(Platform.Os.LINUX, tmp, Map.of()))
        .load(Optional.empty(), Map.of(ConfigKey.DB_PATH, dir.toString()));
    Path index;
    try (ProjectStore store = ProjectStore.openOffline("", dir, config, Clock.systemUTC())) {
      store.store().checkpoints().put(Checkpoint.FORGET_PENDING, "forgot session leak: 3 events");
      index = Files.createDirectories(StoreSearch.directoryOf(store.store()));
    }

    // when
    try (ProjectStore again = ProjectStore.openOffline("", dir, config, Clock.systemUTC())) {
      // then: the mark is gone and the index that may still hold the events was dropped (the
      // daemon builds it again from what remains)
      assertThat(again.store().checkpoints().get(Checkpoint.FORGET_PENDING)).isEmpty();
      assertThat(index).doesNotExist();
    }
  }
}
