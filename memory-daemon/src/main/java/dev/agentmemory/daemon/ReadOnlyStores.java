package dev.agentmemory.daemon;

import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.domain.StoreVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stores under a db path opened read-only, without their lock: nothing is written, not even by
 * a TOC worker, so it works beside a running daemon and leaves a backup's copy as it is.
 */
public final class ReadOnlyStores {
  private ReadOnlyStores() {}

  /**
   * Checks the default store in {@code dbPath} and every project's store beside it, the default
   * store ("") first (see {@link MemoryStore#verify()}).
   *
   * @throws NotFoundException when there is no store there
   */
  public static Map<String, StoreVerification> verify(Path dbPath) {
    boolean hasDefault = Files.exists(dbPath.resolve("CURRENT"));
    if (!hasDefault && ProjectNames.existing(dbPath).isEmpty()) {
      throw new NotFoundException("No store at " + dbPath + " (give --db-path PATH)");
    }
    Map<String, StoreVerification> results = new LinkedHashMap<>();
    if (hasDefault) {
      try (MemoryStore store = MemoryStore.openReadOnly(dbPath)) {
        results.put("", store.verify());
      }
    }
    for (String name : ProjectNames.existing(dbPath)) {
      try (MemoryStore store = MemoryStore.openReadOnly(ProjectNames.storeDir(dbPath, name))) {
        results.put(name, store.verify());
      }
    }
    return results;
  }
}
