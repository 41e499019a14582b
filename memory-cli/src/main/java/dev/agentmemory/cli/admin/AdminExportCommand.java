package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.query.TimeArgument;
import dev.agentmemory.files.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin export}: events as JSON Lines, streamed a page at a time. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write events as JSON Lines (one event a line, every field, and its project; docs/operations.md), "
          + "oldest first, in bounded memory.",
      "One store (--project, default the default store) or all of them. Progress on stderr. Through the "
          + "daemon when it runs, read-only from the store when it does not."
    })
public final class AdminExportCommand implements Callable<Integer> {
  private static final long PROGRESS_EVERY = 100_000;

  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--output", paramLabel = "FILE", defaultValue = "-", description = "Where to write (default: - , standard output).")
  String output;

  @Option(names = "--all-projects", description = "Every store: the default one and each project's.")
  boolean allProjects;

  @Option(names = "--since", paramLabel = "WHEN", description = "Only from this time on: epoch ms, YYYY-MM-DD or ISO date-time.")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "Only up to this time (a day counts whole).")
  String until;

  private long written;

  @Override
  public Integer call() throws IOException {
    ZoneId zone = admin.root().zone();
    long from = since == null ? 0 : TimeArgument.parse("--since", since, zone, false);
    long to = until == null ? 0 : TimeArgument.parse("--until", until, zone, true);
    if (to != 0 && to < from) {
      throw new CliException("--until must not be before --since", ExitCode.USAGE);
    }
    if (allProjects && !admin.project().isEmpty()) {
      throw new CliException("--project and --all-projects exclude each other: give one", ExitCode.USAGE);
    }
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    List<String> stores;
    try (Writer out = open()) {
      stores = admin.reading(reads -> {
        List<String> chosen = allProjects ? reads.stores() : List.of(admin.project());
        chosen.forEach(project -> reads.export(project, from, to, event -> write(out, EventLines.line(event, project), err)));
        return chosen;
      });
    }
    err.printf("Exported %d events of %d store%s to %s in %.1f s.%n", written, stores.size(), stores.size() == 1 ? "" : "s",
        output.equals("-") ? "standard output" : output, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private Writer open() throws IOException {
    if (output.equals("-")) {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
        @Override
        public void close() throws IOException {
          flush(); // standard output stays open
        }
      };
    }
    Path file = Path.of(output);
    if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
      throw new CliException("--output " + output + ": the directory " + file.getParent() + " does not exist", ExitCode.USAGE);
    }
    // an export holds the memory: readable by this user only
    return new BufferedWriter(new OutputStreamWriter(PrivateFiles.newOutputStream(file),
        StandardCharsets.UTF_8));
  }

  private void write(Writer out, String line, PrintWriter err) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + output + ": " + e.getMessage(), e);
    }
    if (++written % PROGRESS_EVERY == 0) {
      err.printf("Exported %d events...%n", written);
      err.flush();
    }
  }
}
