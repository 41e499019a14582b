package dev.agentmemory.cli;

import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.cli.client.GrpcDaemonClient;
import dev.agentmemory.daemon.lifecycle.DaemonFiles;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.daemon.lifecycle.DaemonToken;
import dev.agentmemory.daemon.lifecycle.RunningDaemon;
import dev.agentmemory.hook.Platform;
import java.util.Optional;
import java.util.function.Function;

/**
 * What commands need from outside: the platform (paths, environment) and a way to reach a daemon.
 * Tests build one with an in-process client.
 */
public record CliContext(Platform platform, Function<Endpoint, DaemonClient> clients) {

  public static CliContext system() {
    return of(Platform.current());
  }

  /** Commands on {@code platform}, reaching daemons over gRPC as this user. */
  public static CliContext of(Platform platform) {
    DaemonFiles files = new DaemonFiles(platform.pidFile());
    // the token is read at each connection: a restarted daemon has a new one
    return new CliContext(platform, endpoint -> GrpcDaemonClient.connect(endpoint, DaemonToken.read(files.tokenFile())));
  }

  /** This user's PID file and daemon.json. */
  public DaemonFiles daemonFiles() {
    return new DaemonFiles(platform.pidFile());
  }

  /** What this user's running daemon published, if one is proven to run. */
  public Optional<DaemonInfo> runningDaemon() {
    return RunningDaemon.find(daemonFiles());
  }
}
