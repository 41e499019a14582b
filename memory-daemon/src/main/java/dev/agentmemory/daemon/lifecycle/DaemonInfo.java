package dev.agentmemory.daemon.lifecycle;

/**
 * What a running daemon publishes in {@code daemon.json} beside its PID file, so that the CLI can
 * find it (port 0 means the real port is only known here) and recognise it (a reused PID has
 * another start time).
 *
 * @param startedAtMs when the daemon's process started, ms since the epoch, as the OS reports it
 * @param warnings problems with its stores found at start that a person should act on
 */
public record DaemonInfo(
    long pid, String host, int port, String dbPath, String version, long startedAtMs, String logFile,
    java.util.List<String> warnings) {

  public DaemonInfo {
    // daemon.json written by an older build has no warnings
    warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
  }

  /** {@code host:port} with brackets around IPv6 literals. */
  public String endpoint() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
