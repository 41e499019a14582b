package dev.agentmemory.daemon.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running daemon publishes in {@code daemon.json} beside its PID file, so that the CLI can
 * find it (port 0 means the real port is only known here) and recognise it (a reused PID has
 * another start time).
 *
 * @param startedAtMs when the daemon's process started, ms since the epoch, as the OS reports it
 * @param warnings problems with its stores found at start that a person should act on
 * @param socket the Unix socket it also listens on; empty when none
 * @param viewer the web viewer's address ({@code http://127.0.0.1:PORT/}); empty when it is off
 */
public record DaemonInfo(
    long pid, String host, int port, String dbPath, String version, long startedAtMs, String logFile,
    List<String> warnings, String socket, String viewer) {

  public DaemonInfo {
    // daemon.json written by an older build has no warnings, socket or viewer
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    socket = socket == null ? "" : socket;
    viewer = viewer == null ? "" : viewer;
  }

  /** {@code host:port} with brackets around IPv6 literals. */
  public String endpoint() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** This info as daemon.json holds it. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pid", pid);
    json.put("host", host);
    json.put("port", port);
    json.put("dbPath", dbPath);
    json.put("version", version);
    json.put("startedAtMs", startedAtMs);
    json.put("logFile", logFile);
    json.put("warnings", warnings);
    json.put("socket", socket);
    json.put("viewer", viewer);
    return json;
  }

  /** The info in a daemon.json (fields missing from older builds take defaults). */
  static DaemonInfo fromJson(Map<String, Object> json) {
    return new DaemonInfo(number(json.get("pid")), text(json.get("host")), (int) number(json.get("port")),
        text(json.get("dbPath")), text(json.get("version")), number(json.get("startedAtMs")),
        text(json.get("logFile")),
        json.get("warnings") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
        text(json.get("socket")), text(json.get("viewer")));
  }

  private static long number(Object value) {
    return value instanceof Number number ? number.longValue() : 0;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
