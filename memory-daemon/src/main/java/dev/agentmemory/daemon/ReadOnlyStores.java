package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.operations.MemoryReads;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.domain.FailedPreconditionException;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StoreAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reads of the stores under a db path opened read-only, without their lock: nothing is
 * written, not even by a TOC worker, so it works beside a running daemon and leaves a backup's copy
 * as it is. Each read opens the store it needs and closes it again.
 */
public final class ReadOnlyStores implements MemoryReads {
  private final Path dbPath;
  private final DaemonConfig config;
  private final boolean separate;

  /** @param config the summarizer and time zone stats report, and whether projects have stores */
  public ReadOnlyStores(Path dbPath, DaemonConfig config) {
    this.dbPath = dbPath;
    this.config = config;
    this.separate = config.multiAgentMode().equals("separate");
  }

  @Override
  public StoreReport stats(String project) {
    return reading(project, store -> {
      AdminService admin = AdminService.offline(store, config);
      return new StoreReport(project.isBlank() || !separate ? "" : ProjectNames.storeName(dbPath, project),
          admin.stats(), admin.summarizerUsage(), admin.redactions(), projects(), store.checkpoints().audit(),
          Optional.empty());
    });
  }

  @Override
  public List<String> stores() {
    List<String> stores = new ArrayList<>();
    if (Files.exists(dbPath.resolve("CURRENT"))) {
      stores.add("");
    }
    stores.addAll(projects());
    return stores;
  }

  private List<String> projects() {
    return separate ? ProjectNames.existing(dbPath) : List.of();
  }

  @Override
  public void export(String project, long fromMs, long toMs, Consumer<Event> each) {
    reading(project, store -> {
      scan(store, fromMs, toMs, each);
      return null;
    });
  }

  /** Hands each event of {@code store} in {@code [fromMs, toMs]} (0: no end) to {@code each}, oldest first. */
  public static void scan(MemoryStore store, long fromMs, long toMs, Consumer<Event> each) {
    try (CloseableIterator<Event> events = store.events().scan(fromMs, toMs == 0 ? Long.MAX_VALUE : toMs)) {
      events.forEachRemaining(each);
    }
  }

  /**
   * @throws NotFoundException when there is no store there
   */
  @Override
  public Map<String, StoreVerification> verify() {
    List<String> stores = stores();
    if (stores.isEmpty()) {
      throw new NotFoundException("No store at " + dbPath + " (give --db-path PATH)");
    }
    Map<String, StoreVerification> results = new LinkedHashMap<>();
    stores.forEach(name -> results.put(name, reading(name, MemoryStore::verify)));
    return results;
  }

  private <T> T reading(String project, Function<MemoryStore, T> read) {
    try (MemoryStore store = MemoryStore.openReadOnly(existing(project))) {
      return read.apply(store);
    }
  }

  /** The directory of {@code project}'s store, which must exist (a read never makes one). */
  private Path existing(String project) {
    Path store = project.isBlank() || !separate ? dbPath : ProjectNames.storeDir(dbPath, project);
    StoreAccess.problem(store, false).ifPresent(problem -> {
      throw new FailedPreconditionException(problem);
    });
    if (!Files.exists(store.resolve("CURRENT"))) {
      if (store.equals(dbPath)) {
        throw new NotFoundException("No store at " + store + " (set --db-path, or db_path / " + ConfigKey.DB_PATH.envVar() + ")");
      }
      throw new NotFoundException("No store of project '" + project + "' at " + store
          + " (projects get a store with their first event; `memory-daemon admin stats` lists them)");
    }
    return store;
  }

  @Override
  public void close() {
    // each read closes the store it opened
  }
}
