package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.Checkpoint;
import dev.agentmemory.storage.Closeables;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.EventPage;
import dev.agentmemory.storage.FileTrees;
import dev.agentmemory.storage.IngestResult;
import dev.agentmemory.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's stores. With {@code multi_agent_mode = "separate"} each project (the {@code project}
 * metadata the hook sets on spooled events, or the x-memory-project header of a call) has its own
 * store under {@code <db_path>/projects/<name>/}, opened on its first event; events without a
 * project go to the default store. With {@code "unified"} everything goes to the default store.
 * A read that names a project sees only that project's store; one that names none reads the
 * default store, except event listings, which then merge every store.
 */
public final class Projects implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Projects.class);
  /** The metadata key naming an event's project. */
  public static final String PROJECT_KEY = "project";

  private final boolean separate;
  private final Path dbPath;
  private final Path projectsDir;
  private final ProjectStore defaultStore;
  private final Function<String, ProjectStore> opener;
  private final Map<String, ProjectStore> open = new TreeMap<>();

  /** @param opener opens the store of a (sanitized) project name */
  public Projects(DaemonConfig config, ProjectStore defaultStore, Function<String, ProjectStore> opener) {
    this.separate = config.multiAgentMode().equals("separate");
    this.dbPath = config.storage().dbPath();
    this.projectsDir = ProjectNames.projectsDir(dbPath);
    this.defaultStore = defaultStore;
    this.opener = opener;
  }

  /** Opens the stores of every project already on disk (their workers and jobs must run). */
  public void openExisting() {
    if (separate) {
      LegacyProjectStores.migrate(dbPath);
      ProjectNames.existing(dbPath).forEach(this::project);
    }
  }

  public ProjectStore defaultStore() {
    return defaultStore;
  }

  /** Stores a spooled event where its {@code project} metadata (set by the hook) says. */
  public IngestResult ingest(Event event) {
    return forIngest(event.metadata().getOrDefault(PROJECT_KEY, "")).events().ingest(event);
  }

  /** The name of the store events of {@code project} go to: "" for the default one. */
  public String storeNameFor(String project) {
    return project.isBlank() || !separate ? "" : ProjectNames.storeName(dbPath, project);
  }

  /** The store new events of {@code project} go to (opened, or created, on first use). */
  public ProjectStore forIngest(String project) {
    return project.isBlank() || !separate ? defaultStore : project(ProjectNames.storeName(dbPath, project));
  }

  /**
   * Events in {@code [fromMs, toMs]} of a project, or of every store when none is named (merged
   * oldest first, at most {@code limit} in all).
   */
  public EventPage events(String project, long fromMs, long toMs, int limit, EventFilter filter) {
    if (!project.isBlank()) {
      return forRead(project).events().events(fromMs, toMs, limit, filter);
    }
    // Each store's page holds its first events; past the end of a page that was cut short, another
    // store's events may not come before the cut one's: stop the merged page there.
    Comparator<Event> order = Comparator.comparing(EventKey::of);
    List<Event> merged = new ArrayList<>();
    Event boundary = null;
    for (ProjectStore store : all()) {
      EventPage page = store.events().events(fromMs, toMs, limit, filter);
      merged.addAll(page.events());
      if (page.hasMore() && !page.events().isEmpty()) {
        Event last = page.events().get(page.events().size() - 1);
        boundary = boundary == null || order.compare(last, boundary) < 0 ? last : boundary;
      }
    }
    merged.sort(order);
    Event end = boundary;
    List<Event> kept = end == null ? merged : merged.stream().filter(e -> order.compare(e, end) <= 0).toList();
    int max = limit <= 0 ? EventService.DEFAULT_LIMIT : Math.min(limit, EventService.MAX_LIMIT);
    return new EventPage(kept.subList(0, Math.min(max, kept.size())), boundary != null || kept.size() > max);
  }

  /** The store to read for a request: the named project (must exist), or the default store. */
  public ProjectStore forRead(String requested) {
    if (requested.isBlank() || !separate) {
      return defaultStore;
    }
    String name = ProjectNames.storeName(dbPath, requested);
    synchronized (open) {
      ProjectStore store = open.get(name);
      if (store != null) {
        return store;
      }
    }
    if (Files.isDirectory(projectsDir.resolve(name))) {
      return project(name);
    }
    throw new NotFoundException("No project named '" + requested + "'. Known projects: "
        + (names().isEmpty() ? "none yet" : String.join(", ", names())));
  }

  /** Every open store, the default one first. */
  public List<ProjectStore> all() {
    List<ProjectStore> all = new ArrayList<>();
    all.add(defaultStore);
    synchronized (open) {
      all.addAll(open.values());
    }
    return all;
  }

  /** Names of the projects with a store. */
  public List<String> names() {
    synchronized (open) {
      return List.copyOf(open.keySet());
    }
  }

  private ProjectStore project(String name) {
    synchronized (open) {
      return open.computeIfAbsent(name, n -> {
        if (!Files.isDirectory(projectsDir.resolve(n))) {
          LOG.info("Project {} gets its own store", n);
        }
        return opener.apply(n);
      });
    }
  }

  /**
   * Forgets a whole project: closes its store and deletes its directory, and records that (how
   * many events, never their content) in the default store's audit.
   *
   * @throws NotFoundException when the project has no store
   */
  public Forgetting.Result forgetProject(String requested, boolean dryRun, Clock clock) {
    ProjectStore store = forRead(requested);
    if (store == defaultStore) {
      throw new InvalidArgumentException("whole_project needs a project (x-memory-project)");
    }
    long events = store.store().events().count();
    String audit = Forgetting.projectAudit(clock.instant(), store.name(), events);
    if (dryRun) {
      return new Forgetting.Result(events, 0, 0, 0, true, audit);
    }
    synchronized (open) {
      open.remove(store.name());
    }
    try {
      store.close();
    } catch (Exception e) {
      throw new StorageException("Expected to close the store of project " + store.name()
          + " before deleting it, but " + e.getMessage(), e);
    }
    Path dir = projectsDir.resolve(store.name());
    FileTrees.delete(dir);
    defaultStore.store().checkpoints().put(Checkpoint.audit(clock.millis()), audit);
    LOG.warn("Forgot project {}: deleted its store {} ({} events)", store.name(), dir, events);
    return new Forgetting.Result(events, 0, 0, 0, false, audit);
  }

  /** Closes the project stores (the default store is closed by its owner). */
  @Override
  public void close() throws Exception {
    Closeables stores = new Closeables();
    List<ProjectStore> all = all();
    all.subList(1, all.size()).forEach(stores::register);
    stores.close();
  }
}
