package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Count;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.capture.ClaudeTranscripts;
import dev.agentmemory.capture.Transcripts;
import dev.agentmemory.event.Event;
import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code admin import claude|codex}: an agent's transcripts, with their own times and sessions,
 * into the store of each one's project, in batches (through the daemon or offline).
 */
abstract class TranscriptImportCommand implements Callable<Integer> {
  /** The agent's name, as people know it (errors name it). */
  abstract String agentName();

  /** Where the transcripts are when --path is not given. */
  abstract Path defaultRoot(Platform platform);

  abstract Transcripts source(long sinceMs);

  @ParentCommand AdminImportCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--path", paramLabel = "DIR", description = "A transcript file or a directory of them (default: the agent's own).")
  Path path;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only messages from this day on (configured time zone).")
  String since;

  @Option(names = "--dry-run", description = "Only count what would be imported.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ZoneId zone = parent.admin().root().zone();
    Path root = path != null ? path : defaultRoot(parent.admin().root().context().platform());
    if (!Files.exists(root)) {
      throw new CliException("No " + agentName() + " transcripts at " + root + " (give --path DIR)");
    }
    Transcripts transcripts = source(sinceMs(zone));
    List<Path> files = transcripts.files(root);
    ClaudeTranscripts.Counts counts = new ClaudeTranscripts.Counts();
    if (dryRun) {
      Set<String> sessions = new HashSet<>();
      long[] span = {Long.MAX_VALUE, 0};
      for (Path file : files) {
        transcripts.read(file, counts, event -> {
          sessions.add(event.sessionId());
          span[0] = Math.min(span[0], event.timestampMs());
          span[1] = Math.max(span[1], event.timestampMs());
        });
      }
      out.printf("DRY RUN - would import %s of %s from %s%s%n", Count.of(counts.events, "event"),
          Count.of(sessions.size(), "session"), Count.of(counts.files, "file"), counts.events == 0 ? "" : " (" + Instant.ofEpochMilli(span[0]).atZone(zone).toLocalDate()
              + " to " + Instant.ofEpochMilli(span[1]).atZone(zone).toLocalDate() + ")");
      printSkipped(out, counts);
      return 0;
    }
    boolean terminal = System.console() != null;
    Imported imported = parent.admin().importing(operations -> importAll(files, transcripts, counts,
        new ImportBatches(operations), new LiveCaptured(operations), terminal));
    ImportBatches.Sent totals = imported.sent();
    out.printf("%sImported %s from %s: %d new, %d already stored, %d rejected.%n", terminal ? "\r" : "",
        Count.of(counts.events, "event"), Count.of(counts.files, "file"), totals.created(), totals.duplicates(),
        totals.rejected());
    if (imported.leftOut() > 0) {
      out.printf("Left out %d events the live hook had captured already.%n", imported.leftOut());
    }
    printSkipped(out, counts);
    return totals.rejected() > 0 ? ExitCode.ERROR : 0;
  }

  /**
   * Reads every file and sends its events, each to a project (--project, else the project the
   * transcript names).
   */
  /** What an import sent, and how many events it left out because the live hook had them. */
  private record Imported(ImportBatches.Sent sent, long leftOut) {}

  private Imported importAll(List<Path> files, Transcripts transcripts, ClaudeTranscripts.Counts counts,
      ImportBatches batches, LiveCaptured live, boolean terminal) {
    String chosen = parent.admin().project();
    PrintWriter out = spec.commandLine().getOut();
    int fileNumber = 0;
    for (Path file : files) {
      fileNumber++;
      Map<String, List<Event>> byProject = new TreeMap<>();
      try {
        transcripts.read(file, counts, event -> byProject.computeIfAbsent(
            chosen.isEmpty() ? event.metadata().getOrDefault(Projects.PROJECT_KEY, "") : chosen,
            project -> new ArrayList<>()).add(event));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
      byProject.forEach((project, events) -> live.withoutCaptured(project, events).forEach(event -> batches.add(project, event)));
      if (terminal) {
        out.printf("\rImporting: file %d of %d, %d events", fileNumber, files.size(), counts.events);
        out.flush();
      }
    }
    return new Imported(batches.finish(), live.leftOut());
  }

  private void printSkipped(PrintWriter out, ClaudeTranscripts.Counts counts) {
    out.printf("Skipped %d lines that hold no conversation%s and %d malformed lines.%n", counts.skipped,
        since == null ? "" : " or are older than " + since, counts.malformed);
  }

  private long sinceMs(ZoneId zone) {
    if (since == null) {
      return 0;
    }
    try {
      return LocalDate.parse(since.trim()).atStartOfDay(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new CliException("--since '" + since + "' is not a date as YYYY-MM-DD", ExitCode.USAGE);
    }
  }
}
