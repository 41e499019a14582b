package dev.agentmemory.daemon.config;

import dev.agentmemory.hook.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every configuration key, declared once: its name in {@code config.toml} (dotted for tables), its
 * environment variable, its default and how its value is checked.
 */
public enum ConfigKey {
  /** Directory of the RocksDB store. */
  DB_PATH("db_path", new ValueType.FilePath(), p -> p.defaultDbPath().toString()),
  /** Address the gRPC server binds; loopback unless you want other machines to reach it. */
  GRPC_HOST("grpc_host", new ValueType.Host(), p -> "127.0.0.1"),
  /** Port of the gRPC server; 0 picks a free one (written to daemon.json). */
  GRPC_PORT("grpc_port", new ValueType.Port(), p -> "50051"),
  /**
   * Unix socket the daemon also listens on, for this user's clients (CLI, MCP server) without a
   * token; "off" serves TCP only. Linux only (other systems: TCP with the token).
   */
  GRPC_SOCKET("grpc_socket", new ValueType.PathOrOff(),
      p -> p.os() == Platform.Os.LINUX ? p.runtimeDir().resolve("daemon.sock").toString() : "off"),
  /**
   * "token": every call over TCP but health must carry the daemon's token ({@code authorization:
   * Bearer TOKEN}); "none": any local user may call (only for old clients that cannot send it).
   */
  GRPC_AUTH("grpc_auth", new ValueType.Choice(List.of("token", "none")), p -> "token"),
  /** "separate": one store per project under projects/; "unified": one store, tagged events. */
  MULTI_AGENT_MODE("multi_agent_mode", new ValueType.Choice(List.of("separate", "unified")), p -> "separate"),
  /** Agent name given to events that arrive without one; empty leaves them untagged. */
  AGENT_ID("agent_id", new ValueType.Text(), p -> ""),
  /** Root log level. */
  LOG_LEVEL(
      "log_level", new ValueType.Choice(List.of("trace", "debug", "info", "warn", "error", "off")), p -> "info"),
  /**
   * Where the daemon logs: always for a detached daemon (`start`), for one in the foreground only
   * when set (it logs to its terminal otherwise).
   */
  LOG_FILE("log_file", new ValueType.FilePath(), p -> p.logDir().resolve("daemon.log").toString()),
  /** Size at which the log file is rotated (daemon.log -> daemon.log.1 -> ...). */
  LOG_MAX_SIZE("log_max_size", new ValueType.Size(64 * 1024, 1L << 30), p -> "10MiB"),
  /** How many rotated log files are kept. */
  LOG_KEEP("log_keep", new ValueType.Count(1, 100), p -> "5"),
  /** Largest event text accepted by IngestEvent (UTF-8 bytes). */
  MAX_EVENT_BYTES("max_event_bytes", new ValueType.Size(1024, 64L * 1024 * 1024), p -> "1MiB"),
  /**
   * Free space kept on the store's disk: below it new events are refused (RESOURCE_EXHAUSTED; hooks
   * keep them in their spool) until space is freed, so RocksDB itself never runs out.
   */
  DISK_RESERVE("disk_reserve", new ValueType.Size(0, 1L << 40), p -> "64MiB"),
  /**
   * Take spooled events in as hooks write them, woken by a file watcher (inotify); false looks at
   * the spool every second instead, for file systems that do not report changes (some network homes).
   */
  SPOOL_WATCH("spool_watch", new ValueType.Bool(), p -> "true"),
  /** Semantic (vector) search: the embedding model loads in the background and vectors are computed. */
  SEARCH_VECTORS("search.vectors", new ValueType.Bool(), p -> "true"),
  /** Whether the daemon serves the web viewer (loopback only, the daemon's token): docs/viewer.md. */
  VIEWER_ENABLED("viewer.enabled", new ValueType.Bool(), p -> "true"),
  /**
   * The model stage: the summarizer's LLM (provider openai or anthropic) puts the best candidates
   * of each search in order; off by default (it sends the candidates' text to that provider).
   */
  SEARCH_RERANK("search.rerank", new ValueType.Bool(), p -> "false"),
  /** How many of the best candidates the model orders. */
  SEARCH_RERANK_CANDIDATES("search.rerank_candidates", new ValueType.Count(2, 50), p -> "20"),
  /** Longest wait for the model's order; past it the search answers in its own order. */
  SEARCH_RERANK_TIMEOUT("search.rerank_timeout",
      new ValueType.Span(Duration.ofMillis(100), Duration.ofMinutes(1)), p -> "3s"),
  /** Whether a new Claude Code session starts with a short memory of its project (hook output). */
  CONTEXT_SESSION_START("context.session_start", new ValueType.Bool(), p -> "true"),
  /** Budget of that memory, in cl100k tokens. */
  CONTEXT_MAX_TOKENS("context.max_tokens", new ValueType.Count(100, 4000), p -> "600"),
  /** Where `admin backup` and the backup job write backups (one directory each). */
  BACKUP_DIR("backup.dir", new ValueType.FilePath(), p -> p.dataDir().resolve("backups").toString()),
  /** How many backups are kept there; older ones are removed after each new one. */
  BACKUP_KEEP("backup.keep", new ValueType.Count(1, 1000), p -> "4"),
  /** Below this much free space on the store's disk, status, admin stats and the log warn. */
  DISK_WARNING("disk_warning", new ValueType.Size(0, 1L << 50), p -> "1GiB"),
  /** Who writes summaries: "local" (offline, default), "openai" or "anthropic". */
  SUMMARIZER_PROVIDER(
      "summarizer.provider", new ValueType.Choice(List.of("local", "openai", "anthropic")), p -> "local"),
  /** Model name for an API-backed summarizer (empty: the provider's default). */
  SUMMARIZER_MODEL("summarizer.model", new ValueType.Text(), p -> ""),
  /** Where the provider's API is: any OpenAI-compatible server for "openai" (Ollama on localhost...). */
  SUMMARIZER_BASE_URL("summarizer.base_url", new ValueType.Url(), p -> ""),
  /** Longest wait for one summarizer request. */
  SUMMARIZER_TIMEOUT("summarizer.timeout", new ValueType.Span(Duration.ofSeconds(1), Duration.ofMinutes(10)), p -> "60s"),
  /** Retries of a request that failed with 429, 5xx or a timeout. */
  SUMMARIZER_MAX_RETRIES("summarizer.max_retries", new ValueType.Count(0, 10), p -> "3"),
  /** Tokens (sent plus received) the summarizer API may use per day; 0 means never call it. */
  SUMMARIZER_DAILY_TOKEN_BUDGET(
      "summarizer.daily_token_budget", new ValueType.Count(0, 10_000_000_000L), p -> "200000"),
  /** Redact secrets (API keys, tokens, passwords) from events before they are stored. */
  REDACTION_ENABLED("redaction.enabled", new ValueType.Bool(), p -> "true"),
  /** More regular expressions of secrets to redact (whole match, or group "secret"). */
  REDACTION_EXTRA_PATTERNS("redaction.extra_patterns", new ValueType.Patterns(), p -> ""),
  /** Regular expressions of strings never to redact. */
  REDACTION_ALLOW("redaction.allow", new ValueType.Patterns(), p -> ""),
  /** Time zone of the TOC's days, weeks, months and years; empty: the system's. */
  TIMEZONE("timezone", new ValueType.Zone(), p -> ""),
  /** A quiet gap longer than this starts a new segment. */
  TOC_SEGMENT_GAP("toc.segment_gap", new ValueType.Span(Duration.ofMinutes(1), Duration.ofDays(1)), p -> "30m"),
  /** Token budget of one segment (cl100k tokens). */
  TOC_SEGMENT_MAX_TOKENS("toc.segment_max_tokens", new ValueType.Count(100, 1_000_000), p -> "4000"),
  /** How much of the previous segment's tail the summarizer gets as context: time... */
  TOC_OVERLAP_TIME("toc.overlap_time", new ValueType.Span(Duration.ZERO, Duration.ofHours(6)), p -> "5m"),
  /** ... and tokens. */
  TOC_OVERLAP_TOKENS("toc.overlap_tokens", new ValueType.Count(0, 100_000), p -> "500"),
  /** Tool results are counted and summarized from this many leading characters. */
  TOC_TOOL_RESULT_CHARS("toc.tool_result_chars", new ValueType.Count(100, 1_000_000), p -> "2000"),
  /** How often the TOC worker takes in new events while they keep coming (freshness bound). */
  TOC_REFRESH_INTERVAL(
      "toc.refresh_interval", new ValueType.Span(Duration.ofMillis(100), Duration.ofSeconds(10)), p -> "2s"),
  /** When the day rollup runs (Quartz cron, daemon's time zone). */
  SCHEDULE_ROLLUP_DAY("scheduler.toc_rollup_day", new ValueType.Cron(), p -> "0 0 1 * * ?"),
  SCHEDULE_ROLLUP_WEEK("scheduler.toc_rollup_week", new ValueType.Cron(), p -> "0 0 2 ? * SUN"),
  SCHEDULE_ROLLUP_MONTH("scheduler.toc_rollup_month", new ValueType.Cron(), p -> "0 0 3 1 * ?"),
  SCHEDULE_ROLLUP_YEAR("scheduler.toc_rollup_year", new ValueType.Cron(), p -> "0 30 3 1 1 ?"),
  SCHEDULE_COMPACTION("scheduler.rocksdb_compaction", new ValueType.Cron(), p -> "0 0 4 ? * SUN"),
  /** When every store is backed up to backup.dir (keeping backup.keep). */
  SCHEDULE_BACKUP("scheduler.backup", new ValueType.Cron(), p -> "0 0 5 ? * SUN"),
  /** When closed segments are rewritten by an API summarizer (only with provider openai/anthropic). */
  SCHEDULE_SEGMENT_SUMMARIES("scheduler.segment_summaries", new ValueType.Cron(), p -> "0 */5 * * * ?");

  private final String key;
  private final ValueType type;
  private final Function<Platform, String> defaultValue;

  ConfigKey(String key, ValueType type, Function<Platform, String> defaultValue) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
  }

  /** Name in config.toml: {@code grpc_port}, or {@code summarizer.model} for a key in a table. */
  public String key() {
    return key;
  }

  /** {@code MEMORY_} plus the key in upper case with dots as underscores. */
  public String envVar() {
    return "MEMORY_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  String defaultValue(Platform platform) {
    return defaultValue.apply(platform);
  }

  ValueType type() {
    return type;
  }

  /** Whether config.toml may give this key a list (an array of strings). */
  boolean acceptsList() {
    return type instanceof ValueType.Patterns;
  }

  public static Optional<ConfigKey> byKey(String key) {
    for (ConfigKey candidate : values()) {
      if (candidate.key.equals(key)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
