package dev.agentmemory.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quartz.CronExpression;

class ConfigLoaderTest {
  @TempDir Path home;

  private Platform linux(Map<String, String> env) {
    return new Platform(Platform.Os.LINUX, home, env);
  }

  private DaemonConfig load(Map<String, String> env, Map<ConfigKey, String> flags) {
    return new ConfigLoader(linux(env)).load(Optional.empty(), flags);
  }

  private void writeDefaultConfig(String toml) throws IOException {
    Path file = home.resolve(".config/agent-memory/config.toml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, toml);
  }

  @Test
  void shouldUseDocumentedDefaults_whenNothingIsConfigured() {
    // when
    DaemonConfig config = load(Map.of(), Map.of());

    // then
    assertThat(config.storage().dbPath()).isEqualTo(home.resolve(".local/share/agent-memory/db"));
    assertThat(config.grpc().host()).isEqualTo("127.0.0.1");
    assertThat(config.grpc().port()).isEqualTo(50051);
    assertThat(config.multiAgentMode()).isEqualTo("separate");
    assertThat(config.agentId()).isEmpty();
    assertThat(config.logLevel()).isEqualTo("info");
    assertThat(config.storage().maxEventBytes()).isEqualTo(1024 * 1024);
    assertThat(config.summarizer().provider()).isEqualTo("local");
    assertThat(config.configFile()).isEmpty();
  }

  @Test
  void shouldHaveValidDefaultSchedules_whichTheLoaderDoesNotCheck() {
    Platform platform = linux(Map.of());
    for (ConfigKey key : ConfigKey.values()) {
      if (key.type() instanceof ValueType.Cron) {
        assertThat(CronExpression.isValidExpression(key.defaultValue(platform))).as(key.key()).isTrue();
      }
    }
  }

  @Test
  void shouldApplyEveryKeyOfTheDefaultConfigFile() throws IOException {
    // given
    writeDefaultConfig("""
        db_path = "~/memdb"
        grpc_host = "127.0.0.2"
        grpc_port = 6000
        multi_agent_mode = "unified"
        agent_id = "claude-code"
        log_level = "debug"
        max_event_bytes = "2MiB"

        [summarizer]
        provider = "anthropic"
        model = "claude-haiku"
        """);

    // when
    DaemonConfig config = load(Map.of(), Map.of());

    // then
    assertThat(config.storage().dbPath()).isEqualTo(home.resolve("memdb"));
    assertThat(config.grpc().host()).isEqualTo("127.0.0.2");
    assertThat(config.grpc().port()).isEqualTo(6000);
    assertThat(config.multiAgentMode()).isEqualTo("unified");
    assertThat(config.agentId()).isEqualTo("claude-code");
    assertThat(config.logLevel()).isEqualTo("debug");
    assertThat(config.storage().maxEventBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(config.summarizer().provider()).isEqualTo("anthropic");
    assertThat(config.summarizer().model()).isEqualTo("claude-haiku");
    assertThat(config.configFile()).contains(home.resolve(".config/agent-memory/config.toml"));
  }

  static Stream<Arguments> environmentOverrides() {
    return Stream.of(
        Arguments.of("MEMORY_DB_PATH", "/srv/memory", ConfigKey.DB_PATH, "/srv/memory"),
        Arguments.of("MEMORY_GRPC_HOST", "127.0.0.3", ConfigKey.GRPC_HOST, "127.0.0.3"),
        Arguments.of("MEMORY_GRPC_PORT", "7000", ConfigKey.GRPC_PORT, "7000"),
        Arguments.of("MEMORY_GRPC_SOCKET", "/run/m.sock", ConfigKey.GRPC_SOCKET, "/run/m.sock"),
        Arguments.of("MEMORY_GRPC_AUTH", "none", ConfigKey.GRPC_AUTH, "none"),
        Arguments.of("MEMORY_LOG_LEVEL", "WARN", ConfigKey.LOG_LEVEL, "warn"),
        Arguments.of("MEMORY_SUMMARIZER_PROVIDER", "openai", ConfigKey.SUMMARIZER_PROVIDER, "openai"),
        Arguments.of("MEMORY_SUMMARIZER_MODEL", "gpt-4o-mini", ConfigKey.SUMMARIZER_MODEL, "gpt-4o-mini"),
        Arguments.of("MEMORY_MULTI_AGENT_MODE", "unified", ConfigKey.MULTI_AGENT_MODE, "unified"),
        Arguments.of("MEMORY_AGENT_ID", "copilot", ConfigKey.AGENT_ID, "copilot"),
        Arguments.of("MEMORY_MAX_EVENT_BYTES", "4096", ConfigKey.MAX_EVENT_BYTES, "4096"),
        Arguments.of("MEMORY_DISK_RESERVE", "16MiB", ConfigKey.DISK_RESERVE, "16777216"),
        Arguments.of("MEMORY_DISK_WARNING", "2GiB", ConfigKey.DISK_WARNING, "2147483648"),
        Arguments.of("MEMORY_TIMEZONE", "America/New_York", ConfigKey.TIMEZONE, "America/New_York"),
        Arguments.of("MEMORY_TOC_SEGMENT_GAP", "45m", ConfigKey.TOC_SEGMENT_GAP, "PT45M"),
        Arguments.of("MEMORY_TOC_SEGMENT_MAX_TOKENS", "2000", ConfigKey.TOC_SEGMENT_MAX_TOKENS, "2000"),
        Arguments.of("MEMORY_TOC_OVERLAP_TIME", "2m", ConfigKey.TOC_OVERLAP_TIME, "PT2M"),
        Arguments.of("MEMORY_TOC_OVERLAP_TOKENS", "300", ConfigKey.TOC_OVERLAP_TOKENS, "300"),
        Arguments.of("MEMORY_TOC_TOOL_RESULT_CHARS", "5000", ConfigKey.TOC_TOOL_RESULT_CHARS, "5000"),
        Arguments.of("MEMORY_TOC_REFRESH_INTERVAL", "500ms", ConfigKey.TOC_REFRESH_INTERVAL, "PT0.5S"),
        Arguments.of("MEMORY_SCHEDULER_TOC_ROLLUP_DAY", "0 15 1 * * ?", ConfigKey.SCHEDULE_ROLLUP_DAY, "0 15 1 * * ?"),
        Arguments.of("MEMORY_SCHEDULER_TOC_ROLLUP_WEEK", "0 0 3 ? * MON", ConfigKey.SCHEDULE_ROLLUP_WEEK, "0 0 3 ? * MON"),
        Arguments.of("MEMORY_SCHEDULER_TOC_ROLLUP_MONTH", "0 0 4 2 * ?", ConfigKey.SCHEDULE_ROLLUP_MONTH, "0 0 4 2 * ?"),
        Arguments.of("MEMORY_SCHEDULER_TOC_ROLLUP_YEAR", "0 0 5 2 1 ?", ConfigKey.SCHEDULE_ROLLUP_YEAR, "0 0 5 2 1 ?"),
        Arguments.of("MEMORY_SCHEDULER_ROCKSDB_COMPACTION", "0 0 5 ? * SAT", ConfigKey.SCHEDULE_COMPACTION, "0 0 5 ? * SAT"),
        Arguments.of("MEMORY_SCHEDULER_SEGMENT_SUMMARIES", "0 0 * * * ?", ConfigKey.SCHEDULE_SEGMENT_SUMMARIES, "0 0 * * * ?"),
        Arguments.of("MEMORY_SUMMARIZER_BASE_URL", "http://localhost:11434/v1", ConfigKey.SUMMARIZER_BASE_URL,
            "http://localhost:11434/v1"),
        Arguments.of("MEMORY_SUMMARIZER_TIMEOUT", "15s", ConfigKey.SUMMARIZER_TIMEOUT, "PT15S"),
        Arguments.of("MEMORY_SUMMARIZER_MAX_RETRIES", "5", ConfigKey.SUMMARIZER_MAX_RETRIES, "5"),
        Arguments.of("MEMORY_SUMMARIZER_DAILY_TOKEN_BUDGET", "1000", ConfigKey.SUMMARIZER_DAILY_TOKEN_BUDGET, "1000"),
        Arguments.of("MEMORY_REDACTION_ENABLED", "false", ConfigKey.REDACTION_ENABLED, "false"),
        Arguments.of("MEMORY_SEARCH_VECTORS", "false", ConfigKey.SEARCH_VECTORS, "false"),
        Arguments.of("MEMORY_SEARCH_RERANK", "true", ConfigKey.SEARCH_RERANK, "true"),
        Arguments.of("MEMORY_SEARCH_RERANK_CANDIDATES", "30", ConfigKey.SEARCH_RERANK_CANDIDATES, "30"),
        Arguments.of("MEMORY_SEARCH_RERANK_TIMEOUT", "800ms", ConfigKey.SEARCH_RERANK_TIMEOUT, "PT0.8S"),
        Arguments.of("MEMORY_CONTEXT_SESSION_START", "false", ConfigKey.CONTEXT_SESSION_START, "false"),
        Arguments.of("MEMORY_CONTEXT_MAX_TOKENS", "300", ConfigKey.CONTEXT_MAX_TOKENS, "300"),
        Arguments.of("MEMORY_BACKUP_DIR", "/srv/backups", ConfigKey.BACKUP_DIR, "/srv/backups"),
        Arguments.of("MEMORY_BACKUP_KEEP", "9", ConfigKey.BACKUP_KEEP, "9"),
        Arguments.of("MEMORY_LOG_FILE", "/var/log/memory.log", ConfigKey.LOG_FILE, "/var/log/memory.log"),
        Arguments.of("MEMORY_LOG_MAX_SIZE", "1MiB", ConfigKey.LOG_MAX_SIZE, "1048576"),
        Arguments.of("MEMORY_LOG_KEEP", "3", ConfigKey.LOG_KEEP, "3"),
        Arguments.of("MEMORY_SCHEDULER_BACKUP", "0 0 6 ? * SAT", ConfigKey.SCHEDULE_BACKUP, "0 0 6 ? * SAT"),
        Arguments.of("MEMORY_REDACTION_EXTRA_PATTERNS", "acme_[0-9a-f]{32}", ConfigKey.REDACTION_EXTRA_PATTERNS,
            "acme_[0-9a-f]{32}"),
        Arguments.of("MEMORY_REDACTION_ALLOW", "sk_test_.*", ConfigKey.REDACTION_ALLOW, "sk_test_.*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environmentOverrides")
  void shouldLetEachEnvironmentVariableOverrideTheFile(String variable, String value, ConfigKey key, String expected)
      throws IOException {
    // given: the file sets every key to something else
    writeDefaultConfig("""
        db_path = "/from/file"
        grpc_host = "127.0.0.9"
        grpc_port = 6000
        multi_agent_mode = "separate"
        agent_id = "file-agent"
        log_level = "error"
        max_event_bytes = 8192
        disk_reserve = "1MiB"
        disk_warning = "10MiB"
        timezone = "Asia/Tokyo"
        [search]
        vectors = true
        [redaction]
        enabled = true
        extra_patterns = ["file_[a-z]+"]
        allow = ["file_allowed"]
        [summarizer]
        provider = "local"
        model = "file-model"
        base_url = "https://llm.example/v1"
        timeout = "20s"
        max_retries = 1
        daily_token_budget = 5
        [toc]
        segment_gap = "10m"
        segment_max_tokens = 1000
        overlap_time = "1m"
        overlap_tokens = 100
        tool_result_chars = 700
        refresh_interval = "1s"
        [scheduler]
        toc_rollup_day = "0 0 0 * * ?"
        toc_rollup_week = "0 0 0 ? * MON"
        toc_rollup_month = "0 0 0 1 * ?"
        toc_rollup_year = "0 0 0 1 1 ?"
        rocksdb_compaction = "0 0 0 ? * MON"
        segment_summaries = "0 0 0 ? * MON"
        """);

    // when
    DaemonConfig config = load(Map.of(variable, value), Map.of());

    // then
    assertThat(key.envVar()).isEqualTo(variable);
    assertThat(valueOf(config, key)).isEqualTo(expected);
    assertThat(config.sources()).containsEntry(key, "env " + variable);
  }

  @Test
  void shouldLetFlagsOverrideEnvironmentAndFile() throws IOException {
    // given
    writeDefaultConfig("grpc_port = 6000\ndb_path = \"/from/file\"\n");
    Map<String, String> env = Map.of("MEMORY_GRPC_PORT", "7000", "MEMORY_DB_PATH", "/from/env");

    // when
    DaemonConfig config = load(env, Map.of(ConfigKey.GRPC_PORT, "8000"));

    // then
    assertThat(config.grpc().port()).isEqualTo(8000);
    assertThat(config.storage().dbPath()).isEqualTo(Path.of("/from/env"));
    assertThat(config.sources()).containsEntry(ConfigKey.GRPC_PORT, "flag");
  }

  @Test
  void shouldReadAnExplicitConfigFileInsteadOfTheDefaultOne() throws IOException {
    // given
    writeDefaultConfig("grpc_port = 6000\n");
    Path explicit = home.resolve("other.toml");
    Files.writeString(explicit, "grpc_port = 6001\n");

    // when
    DaemonConfig config = new ConfigLoader(linux(Map.of())).load(Optional.of(explicit), Map.of());

    // then
    assertThat(config.grpc().port()).isEqualTo(6001);
    assertThat(config.configFile()).contains(explicit);
  }

  @Test
  void shouldHonourXdgConfigHome() throws IOException {
    // given
    Path xdg = home.resolve("xdg");
    Files.createDirectories(xdg.resolve("agent-memory"));
    Files.writeString(xdg.resolve("agent-memory/config.toml"), "grpc_port = 6002\n");

    // when
    DaemonConfig config = load(Map.of("XDG_CONFIG_HOME", xdg.toString()), Map.of());

    // then
    assertThat(config.grpc().port()).isEqualTo(6002);
  }

  @Test
  void shouldFail_whenAnExplicitConfigFileIsMissing() {
    Path missing = home.resolve("missing.toml");

    assertThatThrownBy(() -> new ConfigLoader(linux(Map.of())).load(Optional.of(missing), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldNameAnUnknownKeyAndListTheKnownOnes() throws IOException {
    writeDefaultConfig("grpc_prot = 6000\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown key 'grpc_prot'")
        .hasMessageContaining("grpc_port");
  }

  @Test
  void shouldNameAnUnknownKeyInsideATable() throws IOException {
    writeDefaultConfig("[summarizer]\nprovder = \"local\"\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown key 'summarizer.provder'");
  }

  @Test
  void shouldRefuseApiKeysInTheConfigFile() throws IOException {
    writeDefaultConfig("[summarizer]\nprovider = \"openai\"\napi_key = \"sk-secret\"\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summarizer.api_key")
        .hasMessageContaining("OPENAI_API_KEY")
        .hasMessageNotContaining("sk-secret");
  }

  @Test
  void shouldReportTheLineOfATomlSyntaxError() throws IOException {
    writeDefaultConfig("grpc_port = 6000\ndb_path = \n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid TOML")
        .hasMessageContaining("line 2");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("MEMORY_GRPC_PORT", "abc", "grpc_port"),
        Arguments.of("MEMORY_GRPC_PORT", "70000", "grpc_port"),
        Arguments.of("MEMORY_LOG_LEVEL", "loud", "log_level"),
        Arguments.of("MEMORY_MULTI_AGENT_MODE", "shared", "multi_agent_mode"),
        Arguments.of("MEMORY_SUMMARIZER_PROVIDER", "gemini", "summarizer.provider"),
        Arguments.of("MEMORY_MAX_EVENT_BYTES", "12", "max_event_bytes"),
        Arguments.of("MEMORY_GRPC_HOST", "not a host", "grpc_host"),
        Arguments.of("MEMORY_TIMEZONE", "Mars/Olympus", "timezone"),
        Arguments.of("MEMORY_TOC_SEGMENT_GAP", "30", "toc.segment_gap"),
        Arguments.of("MEMORY_TOC_REFRESH_INTERVAL", "1m", "toc.refresh_interval"),
        Arguments.of("MEMORY_TOC_SEGMENT_MAX_TOKENS", "lots", "toc.segment_max_tokens"),
        Arguments.of("MEMORY_SCHEDULER_TOC_ROLLUP_DAY", "0 1 * * *", "scheduler.toc_rollup_day"),
        Arguments.of("MEMORY_SUMMARIZER_BASE_URL", "localhost:11434", "summarizer.base_url"),
        Arguments.of("MEMORY_SUMMARIZER_MAX_RETRIES", "50", "summarizer.max_retries"),
        Arguments.of("MEMORY_REDACTION_ENABLED", "yes", "redaction.enabled"),
        Arguments.of("MEMORY_SEARCH_RERANK_CANDIDATES", "500", "search.rerank_candidates"),
        Arguments.of("MEMORY_SEARCH_RERANK_TIMEOUT", "10m", "search.rerank_timeout"),
        Arguments.of("MEMORY_REDACTION_EXTRA_PATTERNS", "([a-z", "redaction.extra_patterns"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void shouldNameTheKeyAndSourceOfABadValue(String variable, String value, String key) {
    assertThatThrownBy(() -> load(Map.of(variable, value), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid value for " + key)
        .hasMessageContaining("env " + variable)
        .hasMessageContaining(value);
  }

  @Test
  void shouldNameTheFileOfABadValue() throws IOException {
    writeDefaultConfig("grpc_port = \"many\"\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid value for grpc_port")
        .hasMessageContaining("config.toml");
  }

  @Test
  void shouldIgnoreEmptyEnvironmentVariables() {
    Map<String, String> env = new HashMap<>();
    env.put("MEMORY_GRPC_PORT", "");

    assertThat(load(env, Map.of()).grpc().port()).isEqualTo(50051);
  }

  @Test
  void shouldUsePlatformDefaultPaths() {
    Platform mac = new Platform(Platform.Os.MACOS, Path.of("/Users/ann"), Map.of());
    Platform windows = new Platform(Platform.Os.WINDOWS, Path.of("C:/Users/ann"), Map.of("APPDATA",
        "C:/Users/ann/AppData/Roaming", "LOCALAPPDATA", "C:/Users/ann/AppData/Local", "TEMP", "C:/Temp"));
    Platform linux = linux(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"));

    assertThat(mac.defaultDbPath()).isEqualTo(Path.of("/Users/ann/Library/Application Support/agent-memory/db"));
    assertThat(windows.defaultDbPath()).as("not roaming").isEqualTo(Path.of("C:/Users/ann/AppData/Local/agent-memory/db"));
    assertThat(windows.logDir()).isEqualTo(Path.of("C:/Users/ann/AppData/Local/agent-memory/logs"));
    assertThat(windows.configFile()).isEqualTo(Path.of("C:/Users/ann/AppData/Roaming/agent-memory/config.toml"));
    assertThat(windows.pidFile()).isEqualTo(Path.of("C:/Temp/agent-memory/daemon.pid"));
    assertThat(linux.pidFile()).isEqualTo(Path.of("/run/user/1000/agent-memory/daemon.pid"));
    assertThat(linux(Map.of()).pidFile()).isEqualTo(home.resolve(".cache/agent-memory/daemon.pid"));
  }

  @Test
  void shouldServeTcpWithTheToken_whereThereIsNoUnixSocket() {
    // Windows and macOS: no epoll domain socket, so the transport is TCP on loopback guarded by the token
    Platform windows = new Platform(Platform.Os.WINDOWS, home, Map.of("LOCALAPPDATA", home.resolve("Local").toString(),
        "APPDATA", home.resolve("Roaming").toString()));

    DaemonConfig config = new ConfigLoader(windows).load(Optional.empty(), Map.of());

    assertThat(config.grpc().socket()).isEmpty();
    assertThat(config.grpc().requireToken()).isTrue();
    assertThat(config.grpc().host()).isEqualTo("127.0.0.1");
    assertThat(config.storage().dbPath()).isEqualTo(home.resolve("Local/agent-memory/db"));
  }

  private static String valueOf(DaemonConfig config, ConfigKey key) {
    return switch (key) {
      case DB_PATH -> config.storage().dbPath().toString();
      case GRPC_HOST -> config.grpc().host();
      case GRPC_PORT -> Integer.toString(config.grpc().port());
      case GRPC_SOCKET -> config.grpc().socket().map(Path::toString).orElse("off");
      case GRPC_AUTH -> config.grpc().requireToken() ? "token" : "none";
      case MULTI_AGENT_MODE -> config.multiAgentMode();
      case AGENT_ID -> config.agentId();
      case LOG_LEVEL -> config.logLevel();
      case LOG_FILE -> config.log().file().toString();
      case LOG_MAX_SIZE -> Long.toString(config.log().maxSize());
      case LOG_KEEP -> Integer.toString(config.log().keep());
      case MAX_EVENT_BYTES -> Long.toString(config.storage().maxEventBytes());
      case VIEWER_ENABLED -> Boolean.toString(config.viewer());
      case SEARCH_VECTORS -> Boolean.toString(config.searchVectors());
      case SEARCH_RERANK -> Boolean.toString(config.rerank().enabled());
      case SEARCH_RERANK_CANDIDATES -> Integer.toString(config.rerank().candidates());
      case SEARCH_RERANK_TIMEOUT -> config.rerank().timeout().toString();
      case CONTEXT_SESSION_START -> Boolean.toString(config.context().sessionStart());
      case CONTEXT_MAX_TOKENS -> Integer.toString(config.context().maxTokens());
      case BACKUP_DIR -> config.backup().dir().toString();
      case BACKUP_KEEP -> Integer.toString(config.backup().keep());
      case DISK_RESERVE -> Long.toString(config.storage().diskReserve());
      case DISK_WARNING -> Long.toString(config.storage().diskWarning());
      case SPOOL_WATCH -> Boolean.toString(config.storage().spoolWatch());
      case SUMMARIZER_PROVIDER -> config.summarizer().provider();
      case SUMMARIZER_MODEL -> config.summarizer().model();
      case SUMMARIZER_BASE_URL -> config.summarizer().baseUrl();
      case SUMMARIZER_TIMEOUT -> config.summarizer().timeout().toString();
      case SUMMARIZER_MAX_RETRIES -> Integer.toString(config.summarizer().maxRetries());
      case SUMMARIZER_DAILY_TOKEN_BUDGET -> Long.toString(config.summarizer().dailyTokenBudget());
      case TIMEZONE -> config.toc().zone().getId();
      case REDACTION_ENABLED -> Boolean.toString(config.redaction().enabled());
      case REDACTION_EXTRA_PATTERNS -> String.join("\n", config.redaction().extraPatterns());
      case REDACTION_ALLOW -> String.join("\n", config.redaction().allow());
      case TOC_SEGMENT_GAP -> config.toc().segmentGap().toString();
      case TOC_SEGMENT_MAX_TOKENS -> Integer.toString(config.toc().segmentMaxTokens());
      case TOC_OVERLAP_TIME -> config.toc().overlapTime().toString();
      case TOC_OVERLAP_TOKENS -> Integer.toString(config.toc().overlapTokens());
      case TOC_TOOL_RESULT_CHARS -> Integer.toString(config.toc().toolResultChars());
      case TOC_REFRESH_INTERVAL -> config.toc().refreshInterval().toString();
      case SCHEDULE_ROLLUP_DAY, SCHEDULE_ROLLUP_WEEK, SCHEDULE_ROLLUP_MONTH, SCHEDULE_ROLLUP_YEAR, SCHEDULE_COMPACTION,
          SCHEDULE_SEGMENT_SUMMARIES, SCHEDULE_BACKUP ->
          config.schedules().get(key.key().substring("scheduler.".length()));
    };
  }
}
