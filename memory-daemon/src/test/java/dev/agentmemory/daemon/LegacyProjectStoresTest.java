package dev.agentmemory.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.hook.ProjectName;
import dev.agentmemory.storage.MemoryStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores of an older version, named without the hash, keep working after the upgrade. */
class LegacyProjectStoresTest {
  @TempDir Path db;

  private void legacyStore(String dirName, String... projects) {
    try (MemoryStore store = MemoryStore.open(ProjectNames.projectsDir(db).resolve(dirName))) {
      int n = 0;
      for (String project : projects) {
        store.events().append(new Event(String.format("01J00000000000000000000%03d", n), "s", 1_700_000_000_000L + n++, 2, 1,
            "hello", Map.of("project", project), "claude"));
      }
    }
  }

  @Test
  void shouldRenameAStoreOfOneProject_andSetAMixedOneApart() {
    // given: caf_ holds café only; __ holds 東京 and 大阪, whose names collided
    legacyStore("caf_", "café", "café");
    legacyStore("__", "東京", "大阪");
    legacyStore("shop", "shop");

    // when
    LegacyProjectStores.migrate(db);

    // then
    assertThat(ProjectNames.existing(db)).containsExactlyInAnyOrder(ProjectName.sanitize("café"), "__.shared", "shop");
    assertThat(ProjectNames.storeName(db, "café")).isEqualTo(ProjectName.sanitize("café"));
    assertThat(ProjectNames.storeName(db, "cafè")).isEqualTo(ProjectName.sanitize("cafè"));
    assertThat(ProjectNames.storeName(db, "東京")).isEqualTo(ProjectName.sanitize("東京"));
    assertThat(ProjectNames.storeName(db, "__.shared")).isEqualTo("__.shared");
  }
}
