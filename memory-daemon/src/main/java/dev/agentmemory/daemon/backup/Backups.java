package dev.agentmemory.daemon.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.Version;
import dev.agentmemory.domain.FailedPreconditionException;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.storage.FileTrees;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
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
 * holding {@code backup.started} (written first: the mark that the daemon made it),
 * {@code db/} (the default store, as a RocksDB checkpoint), {@code db/projects/<name>/} (each
 * project's) and {@code backup.json}, written last: a directory without it is an interrupted
 * backup. Only directories so marked are ever removed, and without following links; everything
 * is readable by its owner only. Each store is copied consistently while it is being written to; table files
 * are hard links when the destination is on the store's file system, so a backup costs little
 * space beyond what changed since the last compaction. The search index is not copied: it is
 * rebuilt from the events when a daemon opens the restored store.
 */
public final class Backups {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Backups.class);
  public static final String MANIFEST = "backup.json";
  /** Written first into each new backup: what the daemon made, an interrupted backup included. */
  static final String STARTED = "backup.started";
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
    restrict(backup);
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

  /**
   * Where the Backup RPC may write: {@code dest} relative to {@code backupDir}, or absolute inside
   * it, with no link on the way. Any caller the daemon answers is its user, but a request must
   * still not make the daemon write (and prune) elsewhere.
   *
   * @throws InvalidArgumentException naming dest otherwise
   */
  public static Path destinationWithin(Path backupDir, String dest) {
    Path root = backupDir.toAbsolutePath().normalize();
    Path target;
    try {
      target = root.resolve(dest).normalize();
    } catch (InvalidPathException e) {
      throw new InvalidArgumentException("dest is not a valid path: " + e.getMessage());
    }
    if (!target.startsWith(root)) {
      throw new InvalidArgumentException("dest " + dest + " is outside backup.dir (" + root + "): the daemon writes "
          + "backups only there. Give a directory inside it, or run `memory-daemon admin backup --dest DIR`, which "
          + "moves the backup there as you");
    }
    for (Path step = target; step.startsWith(root) && !step.equals(root); step = step.getParent()) {
      if (Files.isSymbolicLink(step)) {
        throw new InvalidArgumentException("dest " + dest + " passes through the link " + step + "; give a real directory");
      }
    }
    return target;
  }

  /**
   * A directory this user may keep backups in: a directory (or nothing yet, then created 0700),
   * not a link, owned by this user. Backups hold the whole memory; another user's directory could
   * hand them to that user.
   *
   * @throws InvalidArgumentException naming the problem otherwise
   */
  public static Path requireOwnDirectory(Path dest) {
    Path dir = dest.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(dir)) {
      throw new InvalidArgumentException("--dest " + dir + " is a link; give the real directory");
    }
    if (!Files.exists(dir)) {
      return dir;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("--dest " + dir + " is a file; give a directory for the backups");
    }
    try {
      Optional<String> owner = PrivateFiles.foreignOwner(dir);
      if (owner.isPresent()) {
        throw new InvalidArgumentException("--dest " + dir + " belongs to " + owner.get() + ", not to you ("
            + System.getProperty("user.name") + "); give a directory of your own");
      }
    } catch (IOException e) {
      throw new InvalidArgumentException("--dest " + dir + " cannot be inspected: " + e.getMessage());
    }
    return dir;
  }

  /**
   * Moves the finished backup {@code backup} into {@code dest} (a rename on the same file system,
   * else a copy), then keeps the newest {@code keep} there, as {@link #create} would have.
   */
  public static Result moveInto(Result backup, Path dest, int keep) {
    Path root = requireOwnDirectory(dest);
    requireBackupsDirectory(root);
    try {
      PrivateFiles.createDirectories(root);
      Path target = freeName(root, backup.path().getFileName().toString());
      try {
        Files.move(backup.path(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
        FileTrees.copy(backup.path(), target);
        restrict(target);
        FileTrees.delete(backup.path());
      }
      List<Path> removed = prune(root, keep, target);
      LOG.info("Backup moved to {}; removed {} older there", target, removed.size());
      return new Result(target, backup.stores(), backup.bytes(), backup.durationMs(), removed);
    } catch (IOException e) {
      throw new StorageException("Expected to move the backup " + backup.path() + " into " + root + ", but "
          + e.getMessage() + "; it is still at " + backup.path(), e);
    }
  }

  /** The complete backups under {@code root}, newest first (links are not followed). */
  public static List<Path> list(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(dir -> Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
              && Files.isRegularFile(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS))
          .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString()).reversed()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the backups in " + root + ": " + e.getMessage(), e);
    }
  }

  /** Everything in {@code root} must be a backup (complete or interrupted): never write among other files. */
  public static void requireBackupsDirectory(Path root) {
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
    return Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && child.getFileName().toString().matches("\\d{8}-\\d{6}(-\\d+)?")
        && (Files.isRegularFile(child.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)
            || Files.isRegularFile(child.resolve(STARTED), LinkOption.NOFOLLOW_LINKS)
            || Files.isDirectory(child.resolve("db"), LinkOption.NOFOLLOW_LINKS) || isEmpty(child));
  }

  /** An interrupted backup of ours: marked as started, never finished. */
  private static boolean isInterrupted(Path child) {
    return Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(child.resolve(STARTED), LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(child.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static Path newBackupDirectory(Path root, Clock clock) {
    Path backup = freeName(root, STAMP.format(clock.instant()));
    try {
      PrivateFiles.createDirectories(backup);
      PrivateFiles.writeAtomically(backup.resolve(STARTED),
          ("{\"pid\": " + ProcessHandle.current().pid() + ", \"started\": \"" + clock.instant() + "\"}\n")
              .getBytes(StandardCharsets.UTF_8));
      return backup;
    } catch (IOException e) {
      throw new StorageException("Expected to create the backup directory " + backup + ", but " + e.getMessage(), e);
    }
  }

  /** {@code root/name}, or {@code root/name-1}, {@code -2}, ... when that is taken (a link counts as taken). */
  private static Path freeName(Path root, String name) {
    Path free = root.resolve(name);
    for (int n = 1; Files.exists(free, LinkOption.NOFOLLOW_LINKS); n++) {
      free = root.resolve(name + "-" + n);
    }
    return free;
  }

  private static void createParent(Path target) {
    try {
      PrivateFiles.createDirectories(target.getParent());
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
      PrivateFiles.writeAtomically(backup.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    } catch (IOException e) {
      throw new StorageException("Expected to write " + backup.resolve(MANIFEST) + ", but " + e.getMessage(), e);
    }
  }

  /** A backup (and the live table files it links to) readable by its owner only, whatever the umask. */
  private static void restrict(Path backup) {
    try {
      PrivateFiles.restrictTree(backup);
    } catch (IOException e) {
      throw new StorageException("Expected to make " + backup + " private, but " + e.getMessage(), e);
    }
  }

  /**
   * Removes complete backups beyond the newest {@code keep}, and interrupted ones (marked started,
   * never finished) other than {@code current}; nothing else, and never through a link.
   */
  public static List<Path> prune(Path root, int keep, Path current) {
    List<Path> removed = new ArrayList<>();
    List<Path> complete = list(root);
    List<Path> doomed = new ArrayList<>(complete.subList(Math.min(keep, complete.size()), complete.size()));
    try (Stream<Path> children = Files.list(root)) {
      children.filter(dir -> !dir.equals(current) && isInterrupted(dir)).forEach(doomed::add);
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
