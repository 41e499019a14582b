package dev.agentmemory.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses per-logger levels in the {@code name=level,name=level} form of {@code MEMORY_LOG} (and of
 * {@code RUST_LOG}, which users' scripts already set for the earlier implementation). A bare level
 * is a root level. The earlier implementation's crate names map to our packages.
 */
public final class LogFilter {
  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
  private static final Map<String, String> RUST_NAMES =
      Map.of(
          "memory_daemon", "dev.agentmemory.daemon",
          "memory_storage", "dev.agentmemory.storage",
          "memory_toc", "dev.agentmemory.toc",
          "memory_scheduler", "dev.agentmemory.scheduler",
          "memory_service", "dev.agentmemory.daemon.grpc",
          "tonic", "io.grpc",
          "h2", "io.grpc.netty");

  private final Optional<String> rootLevel;
  private final Map<String, String> loggerLevels;

  private LogFilter(Optional<String> rootLevel, Map<String, String> loggerLevels) {
    this.rootLevel = rootLevel;
    this.loggerLevels = Map.copyOf(loggerLevels);
  }

  /** No filter. */
  public static LogFilter none() {
    return new LogFilter(Optional.empty(), Map.of());
  }

  /**
   * @param strict true for our own variable (a bad entry is an error naming it), false for
   *     RUST_LOG, which other tools share (bad entries are skipped)
   */
  public static LogFilter parse(String spec, String variable, boolean strict) {
    Optional<String> root = Optional.empty();
    Map<String, String> levels = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq < 0 ? "" : entry.substring(0, eq).trim();
      String level = normalize(eq < 0 ? entry : entry.substring(eq + 1));
      if (!LEVELS.contains(level) || (eq >= 0 && !name.matches("[\\w.:$-]+"))) {
        if (strict) {
          throw new IllegalArgumentException(
              variable + " entry '" + entry + "' is not of the form name=level or level (levels: "
                  + String.join(", ", LEVELS) + ")");
        }
        continue;
      }
      if (name.isEmpty()) {
        root = Optional.of(level);
      } else {
        levels.put(RUST_NAMES.getOrDefault(name, name.replace("::", ".")), level);
      }
    }
    return new LogFilter(root, levels);
  }

  /** From {@code MEMORY_LOG}, else {@code RUST_LOG}, else none. */
  public static LogFilter fromEnvironment(Map<String, String> env) {
    String ours = env.get("MEMORY_LOG");
    if (ours != null && !ours.isBlank()) {
      return parse(ours, "MEMORY_LOG", true);
    }
    String rust = env.get("RUST_LOG");
    if (rust != null && !rust.isBlank()) {
      return parse(rust, "RUST_LOG", false);
    }
    return none();
  }

  public Optional<String> rootLevel() {
    return rootLevel;
  }

  public Map<String, String> loggerLevels() {
    return loggerLevels;
  }

  private static String normalize(String level) {
    String value = level.trim().toLowerCase(Locale.ROOT);
    return value.equals("warning") ? "warn" : value;
  }
}
