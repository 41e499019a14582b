package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.daemon.ProjectStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code admin migrate}: upgrade every store to this release's format now (the daemon does it at
 * start too), each copied aside first.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Upgrade every store to this release's format (the daemon also does this when it starts).",
      "Each store is copied to <db_path>.pre-upgrade-<time>/ first. Needs the daemon stopped; does nothing "
          + "to current stores."
    })
public final class AdminMigrateCommand implements Callable<Integer> {
  @ParentCommand AdminCommand admin;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (admin.viaDaemon().isPresent()) {
      throw new CliException("The daemon runs on this store and upgraded it when it started "
          + "(admin stats shows the format); stop it first to migrate by hand");
    }
    PrintWriter out = spec.commandLine().getOut();
    // opening a store here as the daemon does upgrades it (copied aside first)
    admin.offline(services -> {
      for (ProjectStore store : services.projects().all()) {
        out.printf("%s (%s): format %d%n", store.name().isEmpty() ? "default store" : "project " + store.name(),
            store.store().path(), store.store().format());
      }
      return null;
    });
    out.printf("Every store is in format %d, this release's.%n", ProjectStore.CURRENT_FORMAT);
    return 0;
  }
}
