package dev.agentmemory.daemon.backup;

import dev.agentmemory.daemon.lifecycle.StoreLock;
import dev.agentmemory.domain.FailedPreconditionException;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.storage.FileTrees;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Puts a backup in place of a store directory, with the store closed: checks the backup first,
 * moves what it replaces aside ({@code <target>.replaced-<time>}), then copies the backup's
 * files (copies, not links: the restored store will change its files, the backup's must not).
 */
public final class Restore {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** What was restored where, and where the replaced store was kept. */
  public record Result(Path backup, Path target, List<Backups.StoreCopy> stores, Optional<Path> keptAside) {}

  private Restore() {}

  /**
   * The backup {@code from} names: a backup itself, or a directory of backups (then the newest).
   *
   * @throws InvalidArgumentException when it is neither
   */
  public static Path backupIn(Path from) {
    Path dir = from.toAbsolutePath().normalize();
    if (Files.isRegularFile(dir.resolve(Backups.MANIFEST))) {
      return dir;
    }
    List<Path> backups = Backups.list(dir);
    if (backups.isEmpty()) {
      throw new InvalidArgumentException(from + " is not a backup (no " + Backups.MANIFEST
          + ") and holds none; give a directory written by `memory-daemon admin backup`");
    }
    return backups.get(0);
  }

  /** Checks every store of the backup (checksums and invariants); one verification per store. */
  public static List<StoreVerification> verify(Path backup) {
    List<StoreVerification> results = new ArrayList<>();
    for (Backups.StoreCopy copy : Backups.read(backup)) {
      Path store = backup.resolve(copy.path());
      try (MemoryStore opened = MemoryStore.openReadOnly(store)) {
        results.add(opened.verify());
      } catch (StorageException e) {
        results.add(new StoreVerification(store, 0, 0, 0, List.of("cannot be opened: " + e.getMessage())));
      }
    }
    return results;
  }

  /**
   * Replaces {@code target} by {@code backup}'s stores. The backup must have been verified; the
   * target must not be in use.
   *
   * @throws FailedPreconditionException when a process holds the target store
   */
  public static Result restore(Path backup, Path target, Clock clock) {
    Path dir = target.toAbsolutePath().normalize();
    if (Files.isDirectory(dir) && !StoreLock.isFree(dir)) {
      throw new FailedPreconditionException("The store " + dir + " is in use (a daemon or an admin command holds it); "
          + "stop it first (memory-daemon stop), then restore");
    }
    List<Backups.StoreCopy> stores = Backups.read(backup);
    Optional<Path> aside = Optional.empty();
    try {
      if (Files.exists(dir) && !isEmpty(dir)) {
        aside = Optional.of(dir.resolveSibling(dir.getFileName() + ".replaced-" + STAMP.format(clock.instant())));
        Files.move(dir, aside.get());
      }
      FileTrees.copy(backup.resolve("db"), dir);
      PrivateFiles.restrictTree(dir);
      return new Result(backup, dir, stores, aside);
    } catch (IOException e) {
      throw new StorageException("Expected to restore " + backup + " to " + dir + ", but " + e.getMessage()
          + aside.map(kept -> "; the replaced store is at " + kept).orElse(""), e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    }
  }
}
