package dev.agentmemory.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A write-ahead log that was damaged when the store opened. RocksDB's point-in-time recovery keeps
 * what comes before the damage and drops the rest, which may hold acknowledged events, and says so
 * only in its own LOG file. The store keeps a copy of the damaged log files in a
 * {@code wal-damaged-<time>} directory with a README, and the daemon reports it on every start
 * (and in {@code status}) until the user removes that directory.
 *
 * @param kept where the copies of the damaged log files are
 * @param dropped what recovery dropped, one line per log file ("000004.log: 5609 bytes (Corruption: checksum mismatch)")
 */
public record DamagedWal(Path kept, List<String> dropped) {
  /** Directories holding copies of damaged logs start with this. */
  public static final String DIR_PREFIX = "wal-damaged-";
  private static final String README = "README.txt";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  // RocksDB: "<dir>/000004.log: dropping 5609 bytes; Corruption: checksum mismatch"
  private static final Pattern DROPPING = Pattern.compile("([^/\\s]+\\.log): dropping (\\d+) bytes; (.*)$");

  /** Copies the store's write-ahead log files aside, before recovery changes them. */
  public static Path preserveLogs(Path store, Instant now) {
    Path kept = store.resolve(DIR_PREFIX + STAMP.format(now));
    try (Stream<Path> files = Files.list(store)) {
      Files.createDirectories(kept);
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(".log") && Files.isRegularFile(file)) {
          Files.copy(file, kept.resolve(file.getFileName()));
        }
      }
      return kept;
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to keep a copy of the damaged write-ahead log in " + kept + ", but " + e, e);
    }
  }

  /** Removes copies made by {@link #preserveLogs} (best effort). */
  public static void discard(Path kept) {
    try (Stream<Path> files = Files.walk(kept)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // leftovers are harmless
    }
  }

  /** What the recovery that just opened {@code store} dropped (read from RocksDB's LOG); writes the README. */
  public static DamagedWal describe(Path store, Path kept) {
    List<String> dropped = new ArrayList<>();
    try (Stream<String> lines = Files.lines(store.resolve("LOG"), StandardCharsets.UTF_8)) {
      lines.forEach(line -> {
        Matcher m = DROPPING.matcher(line);
        if (m.find()) {
          dropped.add(m.group(1) + ": " + m.group(2) + " bytes (" + m.group(3).trim() + ")");
        }
      });
    } catch (IOException | UncheckedIOException e) {
      dropped.add("(RocksDB's LOG could not be read: " + e.getMessage() + ")");
    }
    DamagedWal damaged = new DamagedWal(kept, List.copyOf(dropped));
    try {
      Files.writeString(kept.resolve(README), damaged.notice() + "\n\n" + damaged.advice() + "\n");
    } catch (IOException e) {
      // the copies are kept; the notice is also in the daemon log
    }
    return damaged;
  }

  /** The notices of every damaged log this store kept and the user has not removed yet. */
  public static List<String> notices(Path store) {
    List<String> notices = new ArrayList<>();
    try (Stream<Path> files = Files.list(store)) {
      files.filter(f -> f.getFileName().toString().startsWith(DIR_PREFIX) && Files.isDirectory(f)).sorted()
          .forEach(dir -> notices.add(firstLine(dir.resolve(README))
              .orElse("The write-ahead log was damaged; copies of it are in " + dir)));
    } catch (IOException | UncheckedIOException e) {
      // no store directory, or not readable: nothing to report from here
    }
    return notices;
  }

  /** One line: what happened, what may be missing. */
  public String notice() {
    return "The write-ahead log of the store " + kept.getParent() + " was damaged: recovery dropped "
        + (dropped.isEmpty() ? "its damaged tail" : String.join("; ", dropped))
        + ". Acknowledged events written after the damage may be missing. Copies of the damaged log are in " + kept + ".";
  }

  /** What to do about it. */
  public String advice() {
    return "What to do: run `memory-daemon admin stats` to see what the store holds; re-import Claude Code "
        + "transcripts (`memory-daemon admin import claude`, it skips what is stored) to get captured events back; "
        + "or stop the daemon and restore a backup (docs/operations.md). Remove " + kept
        + " once you are done, and this warning goes away.";
  }

  private static Optional<String> firstLine(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
