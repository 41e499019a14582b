package dev.agentmemory.daemon.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Version;
import dev.agentmemory.storage.FailedPreconditionException;
import dev.agentmemory.storage.FileTrees;
import dev.agentmemory.storage.InvalidArgumentException;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Hot backups of every store of a daemon. A backup is a directory {@code <dest>/<yyyyMMdd-HHmmss>}
 * holding {@code db/} (the default store, as a RocksDB checkpoint), {@code db/projects/<name>/}
 * (each project's) and {@code backup.json}, written last: a directory without it is an
 * interrupted backup. Each store is copied consistently while it is being written to; table files
 * are hard links when the destination is on the store's file system, so a backup costs little
 * space beyond what changed since the last compaction. The search index is not copied: it is
 * rebuilt from the events when a daemon opens the restored store.
 */
public final class Backups {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Backups.class);
  public static final String MANIFEST = "backup.json";
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** One store in a backup: whose, where inside the backup, how many events, how many bytes. */
  public record StoreCopy(String project, String path, long events, long bytes) {}

  /** A written backup, and the older ones removed to keep {@code keep}. */
  public record Result(Path path, List<StoreCopy> stores, long bytes, long durationMs, List<Path> removed) {}

  private Backups() {}

  /**
   * Backs up {@code stores} (the default store first) into a new directory under {@code dest},
   * then removes all but the newest {@code keep} complete backups there (and interrupted ones).
   *
   * @throws InvalidArgumentException when {@code dest} holds anything but backups, or keep < 1
   */
  public static synchronized Result create(List<ProjectStore> stores, Path dest, int keep, Clock clock) {
    if (keep < 1) {
      throw new InvalidArgumentException("keep must be at least 1, got " + keep);
    }
    long start = System.nanoTime();
    Path root = dest.toAbsolutePath().normalize();
    requireBackupsDirectory(root);
    Path backup = newBackupDirectory(root, clock);
    List<StoreCopy> copies = new ArrayList<>();
    for (ProjectStore store : stores) {
      String relative = storePath(store.name());
      Path target = backup.resolve(relative);
      createParent(target);
      store.store().checkpoint(target);
      copies.add(new StoreCopy(store.name(), relative, eventsIn(target), filesSize(target)));
    }
    writeManifest(backup, copies, clock);
    List<Path> removed = prune(root, keep, backup);
    long bytes = copies.stream().mapToLong(StoreCopy::bytes).sum();
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.info("Backup written to {} in {} ms: {} stores, {} events, {} bytes; removed {} older", backup, ms, copies.size(),
        copies.stream().mapToLong(StoreCopy::events).sum(), bytes, removed.size());
    return new Result(backup, copies, bytes, ms, removed);
  }

  /** Where a store lies inside a backup (and a pre-upgrade copy): {@code db}, or {@code db/projects/<name>}. */
  public static String storePath(String project) {
    return project.isEmpty() ? "db" : "db/projects/" + ProjectNames.sanitize(project);
  }

  /** A backup directory's stores, as its manifest lists them. */
  public static List<StoreCopy> read(Path backup) {
    Path manifest = backup.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new InvalidArgumentException(backup + " is not a backup (it has no " + MANIFEST
          + "; an interrupted backup has none either)");
    }
    try {
      JsonNode root = JSON.readTree(manifest.toFile());
      if (root.path("format").asInt() > FORMAT) {
        throw new FailedPreconditionException(backup + " was written by a newer release (backup format "
            + root.path("format").asInt() + ", this one reads up to " + FORMAT + "); restore it with that release");
      }
      List<StoreCopy> stores = new ArrayList<>();
      for (JsonNode store : root.path("stores")) {
        stores.add(new StoreCopy(store.path("project").asText(), store.path("path").asText(),
            store.path("events").asLong(), store.path("bytes").asLong()));
      }
      return stores;
    } catch (IOException e) {
      throw new InvalidArgumentException(manifest + " cannot be read (" + e.getMessage() + ")");
    }
  }

  /** The complete backups under {@code root}, newest first. */
  public static List<Path> list(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(dir -> Files.isRegularFile(dir.resolve(MANIFEST)))
          .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString()).reversed()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the backups in " + root + ": " + e.getMessage(), e);
    }
  }

  /** Everything in {@code root} must be a backup (complete or interrupted): never write among other files. */
  private static void requireBackupsDirectory(Path root) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new InvalidArgumentException("dest " + root + " is a file; give a directory for the backups");
    }
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> children = Files.list(root)) {
      Optional<Path> foreign = children.filter(child -> !isBackup(child)).findFirst();
      if (foreign.isPresent()) {
        throw new InvalidArgumentException("dest " + root + " exists and holds other files (" + foreign.get().getFileName()
            + "); give a new or empty directory, or one that holds only earlier backups");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + root + ": " + e.getMessage(), e);
    }
  }

  private static boolean isBackup(Path child) {
    return Files.isDirectory(child) && child.getFileName().toString().matches("\\d{8}-\\d{6}(-\\d+)?")
        && (Files.isRegularFile(child.resolve(MANIFEST)) || Files.isDirectory(child.resolve("db")) || isEmpty(child));
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static Path newBackupDirectory(Path root, Clock clock) {
    String stamp = STAMP.format(clock.instant());
    Path backup = root.resolve(stamp);
    for (int n = 1; Files.exists(backup); n++) {
      backup = root.resolve(stamp + "-" + n);
    }
    try {
      Files.createDirectories(backup);
      return backup;
    } catch (IOException e) {
      throw new StorageException("Expected to create the backup directory " + backup + ", but " + e.getMessage(), e);
    }
  }

  private static void createParent(Path target) {
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new StorageException("Expected to create " + target.getParent() + ", but " + e.getMessage(), e);
    }
  }

  private static long eventsIn(Path copy) {
    try (MemoryStore store = MemoryStore.openReadOnly(copy)) {
      return store.events().count();
    }
  }

  /** Bytes of the store's own files (not of subdirectories: other stores). */
  static long filesSize(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          total += Files.size(file);
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeManifest(Path backup, List<StoreCopy> copies, Clock clock) {
    ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT)
        .put("created", clock.instant().toString()).put("version", Version.describe());
    ArrayNode stores = manifest.putArray("stores");
    copies.forEach(copy -> stores.addObject().put("project", copy.project()).put("path", copy.path())
        .put("events", copy.events()).put("bytes", copy.bytes()));
    try {
      Path temp = backup.resolve(MANIFEST + ".tmp");
      JSON.writeValue(temp.toFile(), manifest);
      Files.move(temp, backup.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("Expected to write " + backup.resolve(MANIFEST) + ", but " + e.getMessage(), e);
    }
  }

  /** Removes complete backups beyond the newest {@code keep}, and interrupted ones other than {@code current}. */
  private static List<Path> prune(Path root, int keep, Path current) {
    List<Path> removed = new ArrayList<>();
    List<Path> complete = list(root);
    List<Path> doomed = new ArrayList<>(complete.subList(Math.min(keep, complete.size()), complete.size()));
    try (Stream<Path> children = Files.list(root)) {
      children.filter(dir -> !dir.equals(current) && Files.isDirectory(dir) && !Files.exists(dir.resolve(MANIFEST)))
          .forEach(doomed::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
    }
    for (Path dir : doomed) {
      FileTrees.delete(dir);
      removed.add(dir);
    }
    return removed;
  }

}
