package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.HookSettings;
import dev.agentmemory.daemon.grpc.GrpcServer;
import dev.agentmemory.daemon.operations.LocalOperations;
import dev.agentmemory.daemon.viewer.ViewerPages;
import dev.agentmemory.daemon.viewer.ViewerServer;
import dev.agentmemory.daemon.grpc.MemoryGrpcService;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.daemon.lifecycle.DaemonToken;
import dev.agentmemory.daemon.lifecycle.PrivateData;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import dev.agentmemory.hook.Spool;
import dev.agentmemory.daemon.lifecycle.StoreLock;
import dev.agentmemory.storage.Closeables;
import dev.agentmemory.storage.StorageOpenException;
import dev.agentmemory.storage.StoreAccess;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running daemon: its stores (the default one and one per project), scheduler, spool drainer,
 * gRPC server and the PID file, started in that order and closed in reverse. {@link #start} returns once health checks answer SERVING.
 */
public final class MemoryDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryDaemon.class);

  private final DaemonInfo info;
  private final String token;
  private final Closeables resources;
  private boolean closed;

  private MemoryDaemon(DaemonInfo info, String token, Closeables resources) {
    this.info = info;
    this.token = token;
    this.resources = resources;
  }

  /**
   * Starts a daemon for {@code config}.
   *
   * @param logFile where this daemon's log goes, published in daemon.json (empty: stderr)
   * @throws DaemonStartException with a message for a person when it cannot start
   */
  public static MemoryDaemon start(DaemonConfig config, Platform platform, Clock clock, Optional<Path> logFile) {
    Path dbPath = config.storage().dbPath();
    ProcessHandle self = ProcessHandle.current();
    DaemonFiles files = new DaemonFiles(platform.pidFile());
    // The cheap checks first, and nothing created until they pass; a start refused because a
    // daemon runs writes nothing into that daemon's log.
    refuseIfAlreadyRunning(files, self.pid());
    LOG.info("Memory daemon {} starting (store {}, gRPC {})", Version.describe(), dbPath, config.grpc().endpoint());
    LOG.debug("Configuration:{}", config.describe());
    refuseIfStoreUnusable(dbPath, self.pid());
    GrpcServer.checkBindable(config.grpc());
    Closeables resources = new Closeables();
    try {
      files.prepareDirectory();
      PrivateData.tighten(PrivateData.roots(config, platform));
      DaemonServices services = resources.register(DaemonServices.open(config, platform.env(), clock,
          Optional.of(platform)));
      Projects projects = services.projects();
      services.startScheduler();
      // what the hooks need to treat events as the daemon would before they write them to disk
      new HookSettings(config.storage().maxEventBytes(), config.redaction().enabled(), config.redaction().extraPatterns(),
          config.redaction().allow()).write(platform);
      SpoolDrainer spool = resources.register(new SpoolDrainer(new Spool(platform.spoolDir()), projects::ingest,
          services.forgetting(), IngestPolicies.of(config), config.storage().spoolWatch()));
      int spooled = spool.drain();
      if (spooled > 0) {
        LOG.info("Took in {} events that hooks spooled while the daemon was down", spooled);
      }
      spool.start();
      // The PID file goes right after the server (closed in reverse): from then on, `status`
      // rightly says not running.
      resources.register(() -> files.removeIfOwnedBy(self.pid()));
      // Room for the largest accepted text plus metadata, so an oversized text gets the clear
      // INVALID_ARGUMENT of validation rather than gRPC's RESOURCE_EXHAUSTED.
      long maxInbound = Math.max(16L * 1024 * 1024, 2 * config.storage().maxEventBytes() + 4L * 1024 * 1024);
      String token = DaemonToken.writeNew(files.tokenFile());
      GrpcServer server = resources.register(GrpcServer.start(config.grpc(), maxInbound,
          List.of(MemoryGrpcService.definition(services)), new GrpcServer.Access(token, files.tokenFile())));
      Optional<ViewerServer> viewer = config.viewer() ? Optional.of(resources.register(ViewerServer.start(
          new ViewerPages(LocalOperations.of(services),
              project -> services.projects().forRead(project).toc(), services.search(), platform, config.toc().zone(), clock), token)))
          : Optional.empty();
      DaemonInfo info =
          new DaemonInfo(
              self.pid(),
              config.grpc().host(),
              server.port(),
              dbPath.toString(),
              Version.describe(),
              RunningDaemon.startTimeMs(self),
              logFile.map(Path::toString).orElse(""),
              warnings(projects),
              server.socket().map(Path::toString).orElse(""),
              viewer.map(ViewerServer::address).orElse(""));
      files.write(info);
      server.markServing();
      resources.register(new DiskWatch(() -> projects.all().stream().map(ProjectStore::store).toList(),
          server::markWritable)).start();
      LOG.info("Memory daemon ready on {}{} (pid {}, store {}, PID file {})", info.endpoint(),
          info.socket().isEmpty() ? "" : " and " + info.socket(), info.pid(), dbPath, files.pidFile());
      return new MemoryDaemon(info, token, resources);
    } catch (StorageOpenException e) {
      resources.closeAfter(e);
      throw explain(e);
    } catch (IOException e) {
      resources.closeAfter(e);
      throw new DaemonStartException("Cannot write the daemon's files in " + files.pidFile().getParent() + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  /** What the stores report that a person should act on; logged, and published for `status`. */
  private static List<String> warnings(Projects projects) {
    List<String> warnings = projects.all().stream().flatMap(store -> store.store().warnings().stream()).toList();
    warnings.forEach(warning -> LOG.warn("{}", warning));
    return warnings;
  }

  public DaemonInfo info() {
    return info;
  }

  public int port() {
    return info.port();
  }

  /** The token calls over TCP must carry (for clients in this process, such as tests). */
  public String token() {
    return token;
  }

  /** Stops serving (in-flight RPCs finish), removes the PID file, flushes and closes the stores. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("Memory daemon shutting down");
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("Expected a clean shutdown, but some steps failed: " + e.getMessage(), e);
    }
    LOG.info("Memory daemon stopped");
  }

  private static void refuseIfAlreadyRunning(DaemonFiles files, long selfPid) {
    RunningDaemon.State state = RunningDaemon.inspect(files);
    if (state instanceof RunningDaemon.Alive alive && alive.process().pid() != selfPid) {
      throw new DaemonStartException(
          "Memory daemon is already running (pid " + alive.process().pid() + ", port " + alive.info().port() + "; PID file "
              + files.pidFile() + "). Stop it first with `memory-daemon stop`.");
    }
    if (state instanceof RunningDaemon.Stale stale) {
      LOG.warn("Removing stale PID file {} ({})", files.pidFile(), stale.reason());
      files.removeAll();
    }
  }

  /** A db_path that is a file, cannot be written, or whose store another daemon holds. */
  private static void refuseIfStoreUnusable(Path dbPath, long selfPid) {
    StoreAccess.problem(dbPath, true).ifPresent(problem -> {
      throw new DaemonStartException(problem);
    });
    if (Files.isDirectory(dbPath)) {
      try (StoreLock probe = StoreLock.acquire(dbPath, selfPid)) {
        // free: released at once, taken for good when the store opens
      } catch (IOException e) {
        throw new DaemonStartException("Cannot release the lock of " + dbPath + ": " + e.getMessage(), e);
      }
    }
  }

  static DaemonStartException explain(StorageOpenException e) {
    Path path = e.path();
    return switch (e.reason()) {
      case LOCKED -> new DaemonStartException(
          "The database at " + path + " is locked by another process (" + e.getMessage()
              + "). Is another memory daemon using it? Stop it (memory-daemon stop), or use another --db-path.", e);
      case PERMISSION_DENIED -> new DaemonStartException(
          "Permission denied on db_path " + path + " (" + e.getMessage() + "). Check who owns it (ls -la "
              + path + "), fix its permissions (chmod 700), or choose another --db-path.", e);
      case NOT_A_DIRECTORY, NEWER_FORMAT -> new DaemonStartException(e.getMessage(), e);
      case MISSING, OTHER -> new DaemonStartException(
          "Cannot open the store at " + path + ": " + e.getMessage() + ". Check the path (db_path, --db-path) and "
              + "that the disk is mounted and has space.", e);
      case CORRUPT -> new DaemonStartException(
          "Cannot open the store at " + path + ": " + e.getMessage() + ". If its files are damaged, stop the "
              + "daemon, move the directory aside and restore it from a backup (see docs/operations.md, "
              + "\"Restore from a backup\").", e);
    };
  }

}
