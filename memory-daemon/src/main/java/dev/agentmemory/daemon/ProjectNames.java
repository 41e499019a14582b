package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.hook.ProjectName;
import dev.agentmemory.storage.StorageOpenException;
import dev.agentmemory.storage.StoreAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Project names and where their stores live: {@code <db_path>/projects/<name>/}. */
public final class ProjectNames {
  private ProjectNames() {}

  /** The directory name for a project ({@link ProjectName#sanitize}). */
  public static String sanitize(String project) {
    try {
      return ProjectName.sanitize(project);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  /**
   * The projects directory: inside the default store's directory (RocksDB ignores it), so that
   * one directory holds all a daemon keeps and nothing lands beside a db_path the user chose.
   */
  public static Path projectsDir(Path dbPath) {
    return dbPath.toAbsolutePath().resolve("projects");
  }

  /**
   * The projects that have a store in the default store {@code dbPath}, sorted.
   *
   * @throws StorageOpenException when the projects directory cannot be read (saying why)
   */
  public static List<String> existing(Path dbPath) {
    Path dir = projectsDir(dbPath);
    Optional<String> problem = StoreAccess.problem(dir, false);
    if (problem.isPresent()) {
      throw new StorageOpenException(dir, StorageOpenException.Reason.PERMISSION_DENIED, problem.get(), null);
    }
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> stores = Files.list(dir)) {
      return stores.filter(Files::isDirectory).map(store -> store.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new StorageOpenException(dir, StorageOpenException.Reason.OTHER,
          "Cannot list the project stores in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The store directory of {@code project}. */
  public static Path storeDir(Path dbPath, String project) {
    return projectsDir(dbPath).resolve(storeName(dbPath, project));
  }

  /**
   * The name of {@code project}'s store: {@link ProjectName#sanitize}, or the name an older
   * version gave it when only that store exists (it could not be migrated: see {@link
   * LegacyProjectStores}).
   */
  public static String storeName(Path dbPath, String project) {
    String name = sanitize(project);
    Path dir = projectsDir(dbPath);
    if (!Files.isDirectory(dir.resolve(name))) {
      String legacy = ProjectName.legacy(project);
      if (!legacy.isEmpty() && !legacy.equals(name) && Files.isDirectory(dir.resolve(legacy))) {
        return legacy;
      }
    }
    return name;
  }
}
