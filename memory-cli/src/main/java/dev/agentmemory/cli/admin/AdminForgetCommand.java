package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Count;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.query.TimeArgument;
import dev.agentmemory.daemon.Forgetting;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin forget}: remove events and everything derived from them, audited. */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = {
      "Remove events for good, with everything derived from them (TOC summaries and grips of their days, "
          + "search index entries, waiting spool files), then compact so the bytes leave the disk.",
      "An audit entry records what, when and how many (never the content). One of --session, --event, "
          + "--before; or --project NAME alone for a whole project. Asks for confirmation unless --yes. Backups "
          + "made earlier still hold the events."
    })
public final class AdminForgetCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Selection what;

  static final class Selection {
    @Option(names = "--session", paramLabel = "ID", description = "Every event of this session.")
    String session;

    @Option(names = "--event", paramLabel = "ID", description = "This event.")
    String event;

    @Option(names = "--before", paramLabel = "WHEN", description = "Every event before this time (YYYY-MM-DD: before that day).")
    String before;
  }

  @Option(names = "--dry-run", description = "Only show what would be forgotten.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String where = admin.project().isEmpty() ? "the default store" : "project " + admin.project();
    Optional<Forgetting.Selection> chosen;
    if (what == null) {
      if (admin.project().isEmpty()) {
        throw new CliException("Say what to forget: --session ID, --event ID, --before WHEN, or --project NAME alone "
            + "for a whole project", ExitCode.USAGE);
      }
      chosen = Optional.empty();
    } else {
      chosen = Optional.of(Forgetting.Selection.of(Objects.requireNonNullElse(what.session, ""),
          Objects.requireNonNullElse(what.event, ""),
          what.before == null ? 0 : TimeArgument.parse("--before", what.before, admin.root().zone(), false)));
    }
    Forgetting.Result preview = admin.operating(operations -> operations.forget(admin.project(), chosen, true));
    out.printf("%s %s in %s: %d events%s.%n", dryRun ? "Would forget" : "About to forget",
        chosen.map(Forgetting.Selection::describe).orElse("the whole project"), where, preview.events(),
        preview.sessions() == 0 ? "" : " of " + Count.of(preview.sessions(), "session") + " ("
            + Instant.ofEpochMilli(preview.firstMs()) + " to " + Instant.ofEpochMilli(preview.lastMs()) + ")");
    if (dryRun) {
      return 0;
    }
    if (!yes && !confirmed(out)) {
      out.println("Nothing was forgotten.");
      return ExitCode.ERROR;
    }
    Forgetting.Result done = admin.operating(operations -> operations.forget(admin.project(), chosen, false));
    out.printf("Forgot %d events in %s%s. Audit: %s%n", done.events(), where,
        done.spooled() == 0 ? "" : " and " + done.spooled() + " waiting in the spool", done.audit());
    out.println("Backups made before still hold them: remove those too if they must go (memory-daemon admin backup --keep 1 "
        + "after this, or delete the backup directories).");
    return 0;
  }

  private boolean confirmed(PrintWriter out) {
    if (System.console() == null) {
      throw new CliException("Forgetting cannot be undone and there is no terminal to ask: add --yes to confirm "
          + "(or --dry-run to see what would go)", ExitCode.USAGE);
    }
    out.print("This cannot be undone. Type 'forget' to go on: ");
    out.flush();
    String answer = System.console().readLine();
    return answer != null && answer.trim().equals("forget");
  }
}
