package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Projects;
import dev.agentmemory.daemon.capture.ClaudeTranscripts;
import dev.agentmemory.daemon.grpc.ProtoMapper;
import dev.agentmemory.proto.IngestEventsResponse;
import dev.agentmemory.event.Event;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin import claude}: Claude Code transcripts, with their own times and sessions. */
@Command(
    name = "claude",
    mixinStandardHelpOptions = true,
    description = {
      "Import Claude Code transcripts (~/.claude/projects/**/*.jsonl): prompts, answers, tool calls and results,",
      "with their original times and sessions. Importing twice stores everything once."
    })
public final class AdminImportClaudeCommand implements Callable<Integer> {
  private static final int BATCH = 500;

  @ParentCommand AdminImportCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--path", paramLabel = "DIR", description = "A transcript file or a directory of them (default: ~/.claude/projects).")
  Path path;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only messages from this day on (configured time zone).")
  String since;

  @Option(names = "--dry-run", description = "Only count what would be imported.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ZoneId zone = parent.admin().root().zone();
    Path root = path != null ? path : parent.admin().root().context().platform().home().resolve(".claude").resolve("projects");
    if (!Files.exists(root)) {
      throw new CliException("No Claude Code transcripts at " + root + " (give --path DIR)");
    }
    List<Path> files = ClaudeTranscripts.find(root);
    ClaudeTranscripts transcripts = new ClaudeTranscripts(sinceMs(zone));
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
      out.printf("DRY RUN - would import %d events of %d sessions from %d files%s%n", counts.events, sessions.size(),
          counts.files, counts.events == 0 ? "" : " (" + Instant.ofEpochMilli(span[0]).atZone(zone).toLocalDate()
              + " to " + Instant.ofEpochMilli(span[1]).atZone(zone).toLocalDate() + ")");
      printSkipped(out, counts);
      return 0;
    }
    boolean terminal = System.console() != null;
    long[] totals = parent.admin().viaDaemon()
        .map(client -> {
          try (client) {
            return importAll(files, transcripts, counts,
                (project, batch) -> tally(client.inProject(project).ingestEvents(protos(batch))), terminal);
          }
        })
        .orElseGet(() -> {
          try (OfflineStores stores = new OfflineStores(parent.admin())) {
            return importAll(files, transcripts, counts, (project, batch) -> tally(stores.events(project).ingestAll(batch)),
                terminal);
          }
        });
    out.printf("%sImported %d events from %d files: %d new, %d already stored, %d rejected.%n", terminal ? "\r" : "",
        counts.events, counts.files, totals[0], totals[1], totals[2]);
    printSkipped(out, counts);
    return totals[2] > 0 ? ExitCode.ERROR : 0;
  }

  /**
   * Reads every file and sends events in batches, each batch of one project (--project, else the
   * project the transcript names); returns created, duplicates, rejected.
   */
  private long[] importAll(List<Path> files, ClaudeTranscripts transcripts, ClaudeTranscripts.Counts counts,
      BiFunction<String, List<Event>, long[]> send, boolean terminal) {
    long[] totals = new long[3];
    String chosen = parent.admin().project();
    Map<String, List<Event>> batches = new TreeMap<>();
    PrintWriter out = spec.commandLine().getOut();
    int fileNumber = 0;
    for (Path file : files) {
      fileNumber++;
      try {
        transcripts.read(file, counts, event -> {
          String project = chosen.isEmpty() ? event.metadata().getOrDefault(Projects.PROJECT_KEY, "") : chosen;
          List<Event> batch = batches.computeIfAbsent(project, p -> new ArrayList<>(BATCH));
          batch.add(event);
          if (batch.size() == BATCH) {
            add(totals, send.apply(project, List.copyOf(batch)));
            batch.clear();
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
      if (terminal) {
        out.printf("\rImporting: file %d of %d, %d events", fileNumber, files.size(), counts.events);
        out.flush();
      }
    }
    batches.forEach((project, batch) -> {
      if (!batch.isEmpty()) {
        add(totals, send.apply(project, batch));
      }
    });
    return totals;
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

  private static List<dev.agentmemory.proto.Event> protos(List<Event> batch) {
    return batch.stream().map(ProtoMapper::toProto).toList();
  }

  private static long[] tally(IngestEventsResponse response) {
    return new long[] {response.getCreated(), response.getDuplicates(), response.getRejected()};
  }

  private static long[] tally(EventService.BatchResult result) {
    return new long[] {result.created(), result.duplicates(), result.rejected()};
  }

  private static void add(long[] totals, long[] more) {
    for (int i = 0; i < totals.length; i++) {
      totals[i] += more[i];
    }
  }
}
