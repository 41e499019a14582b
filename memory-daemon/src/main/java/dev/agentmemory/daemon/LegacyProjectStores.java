package dev.agentmemory.daemon;

import dev.agentmemory.event.Event;
import dev.agentmemory.hook.ProjectName;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores named by versions before 0.2, which turned every unusual character into '_' and cut
 * names at 100 characters, so {@code café} and {@code cafè} shared {@code caf_}. Once per
 * {@code db_path}, before the project stores open, each store whose name may have lost something
 * is read for the project names its events carry: a store of one project is renamed to that
 * project's name now ({@link ProjectName#sanitize}); a store that holds several is renamed
 * {@code <name>.shared}, where its events stay readable ({@code --project caf_.shared}) but no
 * project's name leads any more, and new events go to each project's own store.
 */
final class LegacyProjectStores {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyProjectStores.class);
  private static final String DONE = ".names-v2";
  private static final String SHARED = ".shared";

  private LegacyProjectStores() {}

  static void migrate(Path dbPath) {
    Path dir = ProjectNames.projectsDir(dbPath);
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve(DONE))) {
      return;
    }
    for (String name : ProjectNames.existing(dbPath)) {
      if (name.contains("_") || name.length() == 100) {
        migrate(dir, name);
      }
    }
    try {
      Files.writeString(dir.resolve(DONE), "project stores named by ProjectName.sanitize since this version\n");
    } catch (IOException e) {
      LOG.warn("Expected to note that the project stores in {} were migrated, but {}; they are checked again at the next "
          + "start", dir, e.getMessage());
    }
  }

  private static void migrate(Path dir, String name) {
    Set<String> projects = projectsIn(dir.resolve(name));
    if (projects.isEmpty()) {
      return;
    }
    String project = projects.iterator().next();
    String renamed = projects.size() > 1 ? name + SHARED : ProjectName.sanitize(project);
    if (renamed.equals(name) || Files.exists(dir.resolve(renamed))) {
      return;
    }
    try {
      Files.move(dir.resolve(name), dir.resolve(renamed));
      if (projects.size() > 1) {
        LOG.warn("The store {} held the events of several projects whose names an older version mixed up ({}): renamed "
            + "{}, where they stay readable (--project {}); new events of each go to their own store", name,
            String.join(", ", projects), renamed, renamed);
      } else {
        LOG.info("Renamed the store of project '{}' from {} to {}, so that no other project's name can reach it",
            project, name, renamed);
      }
    } catch (IOException e) {
      LOG.warn("Expected to rename the store {} to {}, but {}; it is used under its old name", name, renamed,
          e.getMessage());
    }
  }

  /** The project names the events of a store carry (as the hook wrote them). */
  private static Set<String> projectsIn(Path store) {
    Set<String> projects = new TreeSet<>();
    try (MemoryStore opened = MemoryStore.openReadOnly(store);
        CloseableIterator<Event> events = opened.events().scan(0, Long.MAX_VALUE)) {
      while (events.hasNext()) {
        String project = events.next().metadata().getOrDefault(Projects.PROJECT_KEY, "");
        if (!project.isBlank()) {
          projects.add(project.trim());
        }
      }
    } catch (StorageException e) {
      LOG.warn("Expected to read the project names in {}, but {}; it keeps its name", store, e.getMessage());
      return Set.of();
    }
    return projects;
  }
}
