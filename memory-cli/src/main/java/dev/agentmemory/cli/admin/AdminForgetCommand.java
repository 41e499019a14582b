package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.cli.query.TimeArgument;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.grpc.AdminMapper;
import dev.agentmemory.proto.ForgetRequest;
import dev.agentmemory.proto.ForgetResponse;
import java.io.PrintWriter;
import java.time.Instant;
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
    ForgetRequest.Builder chosen = ForgetRequest.newBuilder();
    String where = admin.project().isEmpty() ? "the default store" : "project " + admin.project();
    if (what == null) {
      if (admin.project().isEmpty()) {
        throw new CliException("Say what to forget: --session ID, --event ID, --before WHEN, or --project NAME alone "
            + "for a whole project", ExitCode.USAGE);
      }
      chosen.setWholeProject(true);
    } else if (what.session != null) {
      chosen.setSessionId(what.session.trim());
    } else if (what.event != null) {
      chosen.setEventId(what.event.trim());
    } else {
      chosen.setBeforeMs(TimeArgument.parse("--before", what.before, admin.root().zone(), false));
    }
    ForgetRequest request = chosen.build();
    ForgetResponse preview = send(request.toBuilder().setDryRun(true).build());
    out.printf("%s %s in %s: %d events%s.%n", dryRun ? "Would forget" : "About to forget", request.getWholeProject()
        ? "the whole project" : describe(request), where, preview.getEvents(),
        preview.getSessions() == 0 ? "" : " of " + preview.getSessions() + " session" + (preview.getSessions() == 1 ? "" : "s")
            + " (" + Instant.ofEpochMilli(preview.getFirstMs()) + " to " + Instant.ofEpochMilli(preview.getLastMs()) + ")");
    if (dryRun) {
      return 0;
    }
    if (!yes && !confirmed(out)) {
      out.println("Nothing was forgotten.");
      return ExitCode.ERROR;
    }
    ForgetResponse done = send(request);
    out.printf("Forgot %d events in %s%s. Audit: %s%n", done.getEvents(), where,
        done.getSpooled() == 0 ? "" : " and " + done.getSpooled() + " waiting in the spool", done.getAudit());
    out.println("Backups made before still hold them: remove those too if they must go (memory-daemon admin backup --keep 1 "
        + "after this, or delete the backup directories).");
    return 0;
  }

  private static String describe(ForgetRequest request) {
    return !request.getSessionId().isEmpty() ? "session " + request.getSessionId()
        : !request.getEventId().isEmpty() ? "event " + request.getEventId()
        : "everything before " + Instant.ofEpochMilli(request.getBeforeMs());
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

  /**
   * Through the daemon when it serves the store, else with the daemon's own forget over the stores
   * opened here: the same clean-up either way (spool, rejected spool files, session-start memory).
   */
  private ForgetResponse send(ForgetRequest request) {
    Optional<DaemonClient> daemon = admin.viaDaemon();
    if (daemon.isPresent()) {
      try (DaemonClient client = daemon.get()) {
        return client.inProject(admin.project()).forget(request);
      }
    }
    Optional<Forgetting.Selection> what = request.getWholeProject() ? Optional.empty()
        : Optional.of(Forgetting.Selection.of(request.getSessionId(), request.getEventId(), request.getBeforeMs()));
    return admin.offline(services -> AdminMapper.forget(
        services.forgetting().forget(admin.project(), what, request.getDryRun())));
  }
}
