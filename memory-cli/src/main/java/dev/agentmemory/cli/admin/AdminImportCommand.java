package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code admin import --input FILE|-}: events in the export format (JSON Lines), into the stores
 * their project names; {@code admin import claude}: Claude Code transcripts.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import events written by `admin export` (JSON Lines, one event a line).",
      "Each line goes into the store of its project (--project puts them all into one). Importing twice stores",
      "everything once; a bad line is reported with its number and skipped. Through the daemon when it runs,",
      "directly when it does not (making the store if there is none). `admin import claude`, `codex`, `gemini`,",
      "`copilot` and `opencode` import those agents' own histories."
    },
    subcommands = {AdminImportClaudeCommand.class, AdminImportCodexCommand.class, AdminImportGeminiCommand.class,
        AdminImportCopilotCommand.class, AdminImportOpenCodeCommand.class})
public final class AdminImportCommand implements Callable<Integer> {
  /** Rejections listed one by one; beyond, a count (a bad file must not flood the terminal). */
  private static final int MAX_SHOWN = 20;

  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "The file to read, - for standard input.")
  String input;

  AdminCommand admin() {
    return admin;
  }

  @Override
  public Integer call() throws IOException {
    if (input == null) {
      throw new CliException("Give --input FILE (or - for standard input), or a source: `admin import claude`",
          ExitCode.USAGE);
    }
    if (!input.equals("-") && !Files.isRegularFile(Path.of(input))) {
      throw new CliException("--input " + input + " is not a file", ExitCode.USAGE);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long[] lines = new long[2]; // read, bad
    ImportBatches.Sent totals = admin.importing(operations -> read(new ImportBatches(operations), lines, err));
    totals.errors().stream().limit(MAX_SHOWN).forEach(error -> err.println(error + "; skipped"));
    if (totals.errors().size() > MAX_SHOWN) {
      err.printf("... and %d more rejected (the first %d shown)%n", totals.rejected() - MAX_SHOWN, MAX_SHOWN);
    }
    out.printf("Imported %d lines: %d new, %d already stored, %d rejected, %d not events.%n", lines[0],
        totals.created(), totals.duplicates(), totals.rejected(), lines[1]);
    return totals.rejected() + lines[1] > 0 ? ExitCode.ERROR : 0;
  }

  private ImportBatches.Sent read(ImportBatches batches, long[] lines, PrintWriter err) {
    String chosen = admin.project();
    try (Utf8Lines reader = new Utf8Lines(input.equals("-") ? System.in : Files.newInputStream(Path.of(input)))) {
      Utf8Lines.Line read;
      while ((read = reader.next()) != null) {
        lines[0]++;
        if (read.text().isEmpty()) {
          if (++lines[1] <= MAX_SHOWN) {
            err.printf("line %d: not valid UTF-8; skipped%n", lines[0]);
          }
          continue;
        }
        String line = read.text().get();
        if (line.isBlank()) {
          continue;
        }
        try {
          EventLines.Parsed parsed = EventLines.parse(line);
          batches.add(chosen.isEmpty() ? parsed.project() : chosen, parsed.event(), "line " + lines[0]);
        } catch (IllegalArgumentException e) {
          if (++lines[1] <= MAX_SHOWN) {
            err.printf("line %d: %s; skipped%n", lines[0], e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      throw new CliException("Cannot read " + input + ": " + e.getMessage());
    }
    return batches.finish();
  }
}
