package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.ProjectOption;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.cli.client.RemoteOperations;
import dev.agentmemory.daemon.DaemonServices;
import dev.agentmemory.daemon.DaemonStartException;
import dev.agentmemory.daemon.ReadOnlyStores;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.operations.LocalOperations;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.daemon.operations.MemoryReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code admin}: maintenance of a store. Each command goes through the running daemon when it
 * serves that store, and opens the store directly when no daemon does.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Maintain a store (through the daemon when it runs, directly when it does not).",
    subcommands = {
      AdminStatsCommand.class,
      AdminCompactCommand.class,
      AdminRebuildTocCommand.class,
      AdminRebuildIndexCommand.class,
      AdminResetCheckpointCommand.class,
      AdminImportCommand.class,
      AdminBackupCommand.class,
      AdminRestoreCommand.class,
      AdminVerifyCommand.class,
      AdminExportCommand.class,
      AdminMigrateCommand.class,
      AdminForgetCommand.class
    })
public final class AdminCommand {
  @ParentCommand MemoryDaemonCommand root;

  @Option(
      names = "--db-path",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "Store directory (default: the running daemon's store, else db_path of the configuration).")
  Path dbPath;

  @Mixin ProjectOption project;

  MemoryDaemonCommand root() {
    return root;
  }

  /** The project named by --project or $MEMORY_PROJECT; empty for the default store. */
  String project() {
    return project.name(root);
  }

  /** The default store: --db-path, else the running daemon's, else the configured one. */
  Path defaultStore() {
    if (dbPath != null) {
      return dbPath.toAbsolutePath().normalize();
    }
    return root.context().runningDaemon()
        .map(info -> Path.of(info.dbPath()).toAbsolutePath().normalize())
        .orElseGet(() -> root.config().storage().dbPath());
  }

  /**
   * Reads through the daemon when one serves the store, else from the stores opened here
   * read-only (no lock: works beside a daemon and on a backup copy).
   */
  <T> T reading(Function<MemoryReads, T> work) {
    Optional<DaemonClient> daemon = viaDaemon();
    try (MemoryReads reads = daemon.<MemoryReads>map(RemoteOperations::new)
        .orElseGet(() -> new ReadOnlyStores(defaultStore(), root.config()))) {
      return work.apply(reads);
    }
  }

  /**
   * Does the work through the daemon's operations: remotely when a daemon serves the store, else
   * on the stores opened here (see {@link #offline}).
   */
  <T> T operating(Function<MemoryOperations, T> work) {
    return operating(false, work);
  }

  /** As {@link #operating(Function)}, making the default store when there is none (imports). */
  <T> T importing(Function<MemoryOperations, T> work) {
    return operating(true, work);
  }

  private <T> T operating(boolean create, Function<MemoryOperations, T> work) {
    Optional<DaemonClient> daemon = viaDaemon();
    if (daemon.isPresent()) {
      try (MemoryOperations remote = new RemoteOperations(daemon.get())) {
        return work.apply(remote);
      }
    }
    return offline(create, services -> work.apply(LocalOperations.of(services)));
  }

  /**
   * Does the work with the daemon's own services over the stores here, the daemon stopped: every
   * store opened as the daemon opens it, with its lock.
   */
  <T> T offline(Function<DaemonServices, T> work) {
    return offline(false, work);
  }

  private <T> T offline(boolean create, Function<DaemonServices, T> work) {
    Path main = defaultStore();
    if (!create && !Files.exists(main.resolve("CURRENT"))) {
      throw new CliException("No store at " + main + " (set --db-path, or db_path / " + ConfigKey.DB_PATH.envVar() + ")");
    }
    try (DaemonServices services = DaemonServices.openOffline(root.config().withDbPath(main), Clock.systemUTC(),
        root.context().platform())) {
      return work.apply(services);
    } catch (DaemonStartException e) {
      throw lockedOut(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CliException("Expected to close the stores in " + main + " cleanly, but " + e.getMessage());
    }
  }

  static CliException lockedOut(DaemonStartException e) {
    return new CliException(e.getMessage().replace("Stop it first (memory-daemon stop)", "Stop it first"));
  }

  /** A client of the running daemon that serves the default store, if one does (close it). */
  Optional<DaemonClient> viaDaemon() {
    return daemonServing(defaultStore()).map(root.context().clients());
  }

  /** The endpoint of the running daemon that serves {@code store}, if one does. */
  Optional<Endpoint> daemonServing(Path store) {
    return root.context().runningDaemon()
        .filter(info -> Path.of(info.dbPath()).toAbsolutePath().normalize().equals(store))
        .map(Endpoint::of);
  }
}
