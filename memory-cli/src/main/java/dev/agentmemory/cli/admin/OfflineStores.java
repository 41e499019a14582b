package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.DaemonStartException;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.IngestPolicies;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.lifecycle.StoreLock;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The stores an offline import writes to, opened (created if needed) on first use and held with
 * their locks until closed, so no daemon starts on them meanwhile.
 */
final class OfflineStores implements AutoCloseable {
  private final AdminCommand admin;
  private final DaemonConfig config;
  private final Map<Path, EventService> open = new HashMap<>();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  OfflineStores(AdminCommand admin) {
    this.admin = admin;
    this.config = admin.root().config();
  }

  /** The event service of {@code project}'s store (blank, or unified mode: the default store). */
  EventService events(String project) {
    return open.computeIfAbsent(admin.storeOf(project), this::openStore);
  }

  private EventService openStore(Path dir) {
    try {
      RocksStorage.createStoreDirectory(dir);
      resources.push(StoreLock.acquire(dir, ProcessHandle.current().pid()));
    } catch (DaemonStartException e) {
      throw AdminCommand.lockedOut(e);
    }
    MemoryStore store = MemoryStore.open(dir);
    resources.push(store);
    return new EventService(store.events(), Clock.systemUTC(), IngestPolicies.of(config), () -> { });
  }

  @Override
  public void close() {
    CliException failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new CliException("Expected to close the imported stores cleanly, but " + e.getMessage());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
