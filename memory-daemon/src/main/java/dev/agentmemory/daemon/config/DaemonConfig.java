package dev.agentmemory.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration, built once by {@link ConfigLoader} and passed down by constructor.
 *
 * @param configFile the file that was read, if any
 * @param schedules the cron expression of each scheduled job, by job name (toc_rollup_day, ...)
 * @param sources where each key's value came from ("default", the file, "env MEMORY_X", "flag")
 * @param searchVectors whether semantic search runs (the embedding model is loaded)
 * @param rerank the optional model stage of search
 * @param context what a new agent session is told of its project
 * @param viewer whether the daemon serves the web viewer on loopback
 */
public record DaemonConfig(
    StorageConfig storage,
    GrpcConfig grpc,
    String multiAgentMode,
    String agentId,
    String logLevel,
    LogConfig log,
    SummarizerConfig summarizer,
    TocSettings toc,
    RedactionConfig redaction,
    boolean searchVectors,
    RerankConfig rerank,
    ContextConfig context,
    boolean viewer,
    BackupConfig backup,
    Map<String, String> schedules,
    Optional<Path> configFile,
    Map<ConfigKey, String> sources) {

  public DaemonConfig {
    schedules = Map.copyOf(schedules);
    sources = Map.copyOf(sources);
  }

  /** This configuration with the default store in {@code dbPath} (a command's --db-path, a running daemon's store). */
  public DaemonConfig withDbPath(Path dbPath) {
    return new DaemonConfig(new StorageConfig(dbPath, storage.maxEventBytes(), storage.diskReserve(),
        storage.diskWarning(), storage.spoolWatch()), grpc, multiAgentMode, agentId, logLevel, log, summarizer, toc,
        redaction, searchVectors, rerank, context, viewer, backup, schedules, configFile, sources);
  }

  /** Where the store lives and how large an event may be. */
  /**
   * @param diskReserve free bytes kept: below it new events are refused
   * @param diskWarning below this many free bytes, status and stats warn
   * @param spoolWatch whether a file watcher wakes the daemon when hooks spool events (else it looks every second)
   */
  public record StorageConfig(Path dbPath, long maxEventBytes, long diskReserve, long diskWarning,
      boolean spoolWatch) {}

  /**
   * Where the gRPC server listens.
   *
   * @param socket the Unix socket this user's clients use without a token; empty: TCP only
   * @param requireToken whether calls over TCP (but health) must carry the daemon's token
   */
  public record GrpcConfig(String host, int port, Optional<Path> socket, boolean requireToken) {
    /** TCP only, guarded by the token. */
    public GrpcConfig(String host, int port) {
      this(host, port, Optional.empty(), true);
    }

    /** {@code host:port}, with brackets around IPv6 literals. */
    public String endpoint() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Which summarizer writes TOC summaries, and how it talks to its API. API keys never come from
   * here: only from OPENAI_API_KEY / ANTHROPIC_API_KEY in the environment.
   *
   * @param baseUrl empty: the provider's own API
   */
  public record SummarizerConfig(
      String provider, String model, String baseUrl, Duration timeout, int maxRetries, long dailyTokenBudget) {}

  /** Which secrets are redacted before events are stored. */
  public record RedactionConfig(boolean enabled, List<String> extraPatterns, List<String> allow) {
    public RedactionConfig {
      extraPatterns = List.copyOf(extraPatterns);
      allow = List.copyOf(allow);
    }
  }

  /**
   * @param sessionStart whether the daemon keeps each project's session-start memory file
   * @param maxTokens its budget in cl100k tokens
   */
  public record ContextConfig(boolean sessionStart, int maxTokens) {}

  /**
   * The model stage of search: whether the summarizer's LLM orders each search's best {@code
   * candidates}, and how long a search waits for it.
   */
  public record RerankConfig(boolean enabled, int candidates, Duration timeout) {}

  /**
   * Where the daemon logs and how the file rotates.
   *
   * @param chosen whether log_file was set (a foreground daemon then logs there too)
   */
  public record LogConfig(Path file, boolean chosen, long maxSize, int keep) {}

  /** Where backups go and how many are kept. */
  public record BackupConfig(Path dir, int keep) {}

  /** How the table of contents is cut, bucketed and kept fresh. */
  public record TocSettings(
      ZoneId zone,
      Duration segmentGap,
      int segmentMaxTokens,
      Duration overlapTime,
      int overlapTokens,
      int toolResultChars,
      Duration refreshInterval) {}

  /** The configuration as "key = value (source)" lines, for the start-up log. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    append(out, ConfigKey.DB_PATH, storage.dbPath());
    append(out, ConfigKey.GRPC_HOST, grpc.host());
    append(out, ConfigKey.GRPC_PORT, grpc.port());
    append(out, ConfigKey.GRPC_SOCKET, grpc.socket().map(Path::toString).orElse("off"));
    append(out, ConfigKey.GRPC_AUTH, grpc.requireToken() ? "token" : "none");
    append(out, ConfigKey.MULTI_AGENT_MODE, multiAgentMode);
    append(out, ConfigKey.AGENT_ID, agentId);
    append(out, ConfigKey.LOG_LEVEL, logLevel);
    append(out, ConfigKey.LOG_FILE, log.file());
    append(out, ConfigKey.LOG_MAX_SIZE, log.maxSize());
    append(out, ConfigKey.LOG_KEEP, log.keep());
    append(out, ConfigKey.MAX_EVENT_BYTES, storage.maxEventBytes());
    append(out, ConfigKey.DISK_RESERVE, storage.diskReserve());
    append(out, ConfigKey.DISK_WARNING, storage.diskWarning());
    append(out, ConfigKey.SPOOL_WATCH, storage.spoolWatch());
    append(out, ConfigKey.SUMMARIZER_PROVIDER, summarizer.provider());
    append(out, ConfigKey.SUMMARIZER_MODEL, summarizer.model());
    append(out, ConfigKey.SUMMARIZER_BASE_URL, summarizer.baseUrl());
    append(out, ConfigKey.SUMMARIZER_TIMEOUT, summarizer.timeout());
    append(out, ConfigKey.SUMMARIZER_MAX_RETRIES, summarizer.maxRetries());
    append(out, ConfigKey.SUMMARIZER_DAILY_TOKEN_BUDGET, summarizer.dailyTokenBudget());
    append(out, ConfigKey.REDACTION_ENABLED, redaction.enabled());
    append(out, ConfigKey.SEARCH_VECTORS, searchVectors);
    append(out, ConfigKey.SEARCH_RERANK, rerank.enabled());
    append(out, ConfigKey.SEARCH_RERANK_CANDIDATES, rerank.candidates());
    append(out, ConfigKey.SEARCH_RERANK_TIMEOUT, rerank.timeout());
    append(out, ConfigKey.CONTEXT_SESSION_START, context.sessionStart());
    append(out, ConfigKey.CONTEXT_MAX_TOKENS, context.maxTokens());
    append(out, ConfigKey.VIEWER_ENABLED, viewer);
    append(out, ConfigKey.BACKUP_DIR, backup.dir());
    append(out, ConfigKey.BACKUP_KEEP, backup.keep());
    append(out, ConfigKey.REDACTION_EXTRA_PATTERNS, redaction.extraPatterns().size() + " pattern(s)");
    append(out, ConfigKey.REDACTION_ALLOW, redaction.allow().size() + " pattern(s)");
    append(out, ConfigKey.TIMEZONE, toc.zone());
    append(out, ConfigKey.TOC_SEGMENT_GAP, toc.segmentGap());
    append(out, ConfigKey.TOC_SEGMENT_MAX_TOKENS, toc.segmentMaxTokens());
    append(out, ConfigKey.TOC_OVERLAP_TIME, toc.overlapTime());
    append(out, ConfigKey.TOC_OVERLAP_TOKENS, toc.overlapTokens());
    append(out, ConfigKey.TOC_TOOL_RESULT_CHARS, toc.toolResultChars());
    append(out, ConfigKey.TOC_REFRESH_INTERVAL, toc.refreshInterval());
    for (ConfigKey key : ConfigKey.values()) {
      if (key.key().startsWith("scheduler.")) {
        append(out, key, schedules.get(key.key().substring("scheduler.".length())));
      }
    }
    return out.toString();
  }

  private void append(StringBuilder out, ConfigKey key, Object value) {
    out.append("\n  ").append(key.key()).append(" = ").append(value)
        .append(" (").append(sources.getOrDefault(key, "default")).append(')');
  }
}
