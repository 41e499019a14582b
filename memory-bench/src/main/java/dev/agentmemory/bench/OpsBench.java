package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.event.Event;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code memory-bench ops [--events N] [--launcher PATH] [--cache DIR]}: the operations commands
 * as a user runs them, on the cached store of N events (the one `load` generates), with the daemon
 * stopped: upgrade of a format-0 store, backup, import of 10,000 events, a second (incremental)
 * backup, export, import of everything into an empty store, restore, forget of the newest session.
 * Each is a whole `memory-daemon admin ...` process, timed from start to exit.
 */
final class OpsBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NEW_EVENTS = 10_000;

  private OpsBench() {}

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    Path launcher = LoadCommand.launcher(options);
    int events = Integer.parseInt(LoadCommand.value(options, "--events", "1000000"));
    Path cache = LoadCommand.cache(options);
    Path work = Files.createTempDirectory("memory-bench-ops");
    try {
      Path cached = ReadBench.cached(cache, events);
      Path db = work.resolve("db");
      // hard links: RocksDB never changes a table file, and writes new MANIFEST/WAL files
      run(List.of("cp", "-al", cached.toString(), db.toString()), work);
      Path backups = work.resolve("backups");

      report("admin migrate (format 0 -> 1, copy aside first)", cli(launcher, work, "admin", "migrate", "--db-path", db.toString()));
      Timed first = cli(launcher, work, "admin", "backup", "--dest", backups.toString(), "--db-path", db.toString(), "--json");
      JsonNode one = JSON.readTree(first.out());
      report("admin backup (" + eventsOf(one) + " events, " + mb(one.path("bytes").asLong()) + ")", first);

      Path fresh = work.resolve("new.jsonl");
      writeEvents(fresh, NEW_EVENTS);
      Timed add = cli(launcher, work, "admin", "import", "--input", fresh.toString(), "--db-path", db.toString());
      report("admin import of " + NEW_EVENTS + " new events (" + rate(NEW_EVENTS, add) + ")", add);
      Timed second = cli(launcher, work, "admin", "backup", "--dest", backups.toString(), "--db-path", db.toString(), "--json");
      JsonNode two = JSON.readTree(second.out());
      report("admin backup after 10,000 new events (" + mb(two.path("bytes").asLong()) + " in all, "
          + mb(newBytes(Path.of(one.path("path").asText()), Path.of(two.path("path").asText()))) + " not shared with the first)", second);

      Path exported = work.resolve("all.jsonl");
      Timed export = cli(launcher, work, "admin", "export", "--all-projects", "--db-path", db.toString(), "--output", exported.toString());
      long lines;
      try (Stream<String> all = Files.lines(exported)) {
        lines = all.count();
      }
      report("admin export (" + lines + " events, " + mb(Files.size(exported)) + ", " + rate(lines, export) + ")", export);
      // the generated store runs years ahead of today; ingest refuses events more than a day ahead
      Path past = work.resolve("past.jsonl");
      long kept = keepPast(exported, past);
      Timed importAll = cli(launcher, work, "admin", "import", "--input", past.toString(), "--db-path", work.resolve("imported").toString());
      report("admin import of the export's " + kept + " events up to now into an empty store (" + rate(kept, importAll) + ")", importAll);

      Timed restore = cli(launcher, work, "admin", "restore", "--from", two.path("path").asText(), "--db-path", work.resolve("restored").toString());
      report("admin restore of the second backup (verifies it first)", restore);

      String session = newestSession(exported);
      long before = dirBytes(db);
      Timed forget = cli(launcher, work, "admin", "forget", "--session", session, "--yes", "--db-path", db.toString());
      long after = dirBytes(db);
      report("admin forget of the newest session (" + forget.out().replaceAll("(?s).*Forgot (\\d+) events.*", "$1")
          + " events; store " + mb(before) + " -> " + mb(after) + ")", forget);
    } finally {
      LocomoSummaryEval.deleteRecursively(work);
    }
  }

  record Timed(double seconds, String out) {}

  static Timed cli(Path launcher, Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    return run(command, work);
  }

  static Timed run(List<String> command, Path work) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    DaemonUnderTest.sandbox(builder, work.resolve("home"));
    Path out = Files.createTempFile(work, "out", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
    }
    return new Timed((System.nanoTime() - start) / 1e9, Files.readString(out));
  }

  static void report(String what, Timed timed) {
    System.out.printf("%-110s %8.1f s%n", what, timed.seconds());
  }

  private static long eventsOf(JsonNode backup) {
    long events = 0;
    for (JsonNode store : backup.path("stores")) {
      events += store.path("events").asLong();
    }
    return events;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  private static String rate(long events, Timed timed) {
    return String.format(Locale.ROOT, "%.0f events/s", events / timed.seconds());
  }

  /** Bytes of the files of {@code second} that are not hard links of a file of {@code first}. */
  private static long newBytes(Path first, Path second) throws IOException {
    Set<Object> shared = new HashSet<>();
    try (Stream<Path> files = Files.walk(first)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        shared.add(Files.getAttribute(file, "unix:ino"));
      }
    }
    long bytes = 0;
    try (Stream<Path> files = Files.walk(second)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (!shared.contains(Files.getAttribute(file, "unix:ino"))) {
          bytes += Files.size(file);
        }
      }
    }
    return bytes;
  }

  private static long dirBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = 0;
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        bytes += Files.size(file);
      }
      return bytes;
    }
  }

  /** Synthetic events as export lines, timestamps now (a new day of work). */
  private static void writeEvents(Path file, int count) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long now = System.currentTimeMillis() - count * 1_000L;
      int n = 0;
      for (Event event : new SyntheticSessions(7).generate(count)) {
        ObjectNode line = JSON.createObjectNode().put("event_id", event.eventId()).put("session_id", "new-" + event.sessionId())
            .put("timestamp_ms", now + 1_000L * n++).put("event_type", event.type()).put("role", event.role())
            .put("text", event.text()).put("agent", event.agent());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
      }
    }
  }

  /** Copies the lines of events not in the future; returns how many. */
  private static long keepPast(Path from, Path to) throws IOException {
    long now = System.currentTimeMillis();
    long kept = 0;
    try (Stream<String> lines = Files.lines(from); BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (JSON.readTree(line).path("timestamp_ms").asLong() <= now) {
          out.write(line);
          out.write('\n');
          kept++;
        }
      }
    }
    return kept;
  }

  /** The session of the last line of an export (the newest event). */
  static String newestSession(Path exported) throws IOException {
    String last = null;
    long newest = Long.MIN_VALUE;
    try (Stream<String> lines = Files.lines(exported)) {
      for (String line : (Iterable<String>) lines::iterator) {
        JsonNode node = JSON.readTree(line);
        if (node.path("timestamp_ms").asLong() > newest && !node.path("session_id").asText().startsWith("new-")) {
          newest = node.path("timestamp_ms").asLong();
          last = node.path("session_id").asText();
        }
      }
    }
    return last;
  }
}
