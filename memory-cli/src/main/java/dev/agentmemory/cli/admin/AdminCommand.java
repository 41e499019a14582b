package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.daemon.config.ConfigKey;
import dev.agentmemory.daemon.config.DaemonConfig.GrpcConfig;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
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
    subcommands = {AdminRebuildTocCommand.class})
public final class AdminCommand {
  @ParentCommand MemoryDaemonCommand root;

  @Option(
      names = "--db-path",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH",
      description = "Store directory (default: db_path of the configuration).")
  Path dbPath;

  MemoryDaemonCommand root() {
    return root;
  }

  /** The store the command works on. */
  Path store() {
    return dbPath != null
        ? dbPath.toAbsolutePath().normalize()
        : root.config(Map.of()).storage().dbPath();
  }

  /** The store, which must exist (admin commands never create one). */
  Path existingStore() {
    Path store = store();
    if (!Files.exists(store.resolve("CURRENT"))) {
      throw new CliException("No store at " + store + " (set --db-path, or db_path / " + ConfigKey.DB_PATH.envVar() + ")");
    }
    return store;
  }

  /** The endpoint of the running daemon that serves {@code store}, if one does. */
  Optional<Endpoint> daemonServing(Path store) {
    DaemonFiles files = new DaemonFiles(root.context().platform().pidFile());
    if (RunningDaemon.inspect(files) instanceof RunningDaemon.Alive alive && alive.info().isPresent()) {
      var info = alive.info().get();
      if (Path.of(info.dbPath()).toAbsolutePath().normalize().equals(store)) {
        return Optional.of(Endpoint.of(new GrpcConfig(info.host(), info.port())));
      }
    }
    return Optional.empty();
  }
}
