package dev.agentmemory.daemon.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link DaemonConfig} from, in increasing precedence: defaults, {@code config.toml},
 * {@code MEMORY_*} environment variables, command-line flags. Unknown keys and bad values fail
 * with a message naming the key and where it was set.
 */
public final class ConfigLoader {
  // Keys people put in config files expecting them to work; refused because secrets in files leak.
  private static final Set<String> SECRET_KEYS = Set.of("api_key", "openai_api_key", "anthropic_api_key");

  private final Platform platform;

  public ConfigLoader(Platform platform) {
    this.platform = platform;
  }

  /**
   * @param explicitFile a {@code --config} path (must exist), or empty for the default location
   *     (read if present)
   * @param flags values given on the command line
   */
  public DaemonConfig load(Optional<Path> explicitFile, Map<ConfigKey, String> flags) {
    Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
    Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      raw.put(key, key.defaultValue(platform));
      sources.put(key, "default");
    }
    Optional<Path> file = explicitFile.or(() -> Optional.of(platform.configFile()).filter(Files::exists));
    file.ifPresent(path -> readFile(path, explicitFile.isPresent()).forEach((key, value) -> {
      raw.put(key, value);
      sources.put(key, path.toString());
    }));
    for (ConfigKey key : ConfigKey.values()) {
      String value = platform.env().get(key.envVar());
      if (value != null && !value.isEmpty()) {
        raw.put(key, value);
        sources.put(key, "env " + key.envVar());
      }
    }
    flags.forEach((key, value) -> {
      raw.put(key, value);
      sources.put(key, "flag");
    });
    Map<ConfigKey, Object> typed = new EnumMap<>(ConfigKey.class);
    raw.forEach((key, value) -> typed.put(key, parse(key, value, sources.get(key))));
    return new DaemonConfig(
        new DaemonConfig.StorageConfig((Path) typed.get(ConfigKey.DB_PATH), (Long) typed.get(ConfigKey.MAX_EVENT_BYTES),
            (Long) typed.get(ConfigKey.DISK_RESERVE), (Long) typed.get(ConfigKey.DISK_WARNING),
            (Boolean) typed.get(ConfigKey.SPOOL_WATCH)),
        new DaemonConfig.GrpcConfig((String) typed.get(ConfigKey.GRPC_HOST), (Integer) typed.get(ConfigKey.GRPC_PORT),
            optionalPath(typed.get(ConfigKey.GRPC_SOCKET)), typed.get(ConfigKey.GRPC_AUTH).equals("token")),
        (String) typed.get(ConfigKey.MULTI_AGENT_MODE),
        (String) typed.get(ConfigKey.AGENT_ID),
        (String) typed.get(ConfigKey.LOG_LEVEL),
        new DaemonConfig.LogConfig((Path) typed.get(ConfigKey.LOG_FILE),
            !sources.getOrDefault(ConfigKey.LOG_FILE, "default").equals("default"),
            (Long) typed.get(ConfigKey.LOG_MAX_SIZE), ((Long) typed.get(ConfigKey.LOG_KEEP)).intValue()),
        new DaemonConfig.SummarizerConfig(
            (String) typed.get(ConfigKey.SUMMARIZER_PROVIDER),
            (String) typed.get(ConfigKey.SUMMARIZER_MODEL),
            (String) typed.get(ConfigKey.SUMMARIZER_BASE_URL),
            (Duration) typed.get(ConfigKey.SUMMARIZER_TIMEOUT),
            ((Long) typed.get(ConfigKey.SUMMARIZER_MAX_RETRIES)).intValue(),
            (Long) typed.get(ConfigKey.SUMMARIZER_DAILY_TOKEN_BUDGET)),
        new DaemonConfig.TocSettings(
            (ZoneId) typed.get(ConfigKey.TIMEZONE),
            (Duration) typed.get(ConfigKey.TOC_SEGMENT_GAP),
            ((Long) typed.get(ConfigKey.TOC_SEGMENT_MAX_TOKENS)).intValue(),
            (Duration) typed.get(ConfigKey.TOC_OVERLAP_TIME),
            ((Long) typed.get(ConfigKey.TOC_OVERLAP_TOKENS)).intValue(),
            ((Long) typed.get(ConfigKey.TOC_TOOL_RESULT_CHARS)).intValue(),
            (Duration) typed.get(ConfigKey.TOC_REFRESH_INTERVAL)),
        new DaemonConfig.RedactionConfig(
            (Boolean) typed.get(ConfigKey.REDACTION_ENABLED),
            strings(typed.get(ConfigKey.REDACTION_EXTRA_PATTERNS)),
            strings(typed.get(ConfigKey.REDACTION_ALLOW))),
        (Boolean) typed.get(ConfigKey.SEARCH_VECTORS),
        new DaemonConfig.RerankConfig((Boolean) typed.get(ConfigKey.SEARCH_RERANK),
            ((Long) typed.get(ConfigKey.SEARCH_RERANK_CANDIDATES)).intValue(),
            (Duration) typed.get(ConfigKey.SEARCH_RERANK_TIMEOUT)),
        new DaemonConfig.ContextConfig((Boolean) typed.get(ConfigKey.CONTEXT_SESSION_START),
            ((Long) typed.get(ConfigKey.CONTEXT_MAX_TOKENS)).intValue()),
        (Boolean) typed.get(ConfigKey.VIEWER_ENABLED),
        new DaemonConfig.BackupConfig((Path) typed.get(ConfigKey.BACKUP_DIR),
            ((Long) typed.get(ConfigKey.BACKUP_KEEP)).intValue()),
        schedules(typed),
        file,
        sources);
  }

  @SuppressWarnings("unchecked")
  private static Optional<Path> optionalPath(Object value) {
    return (Optional<Path>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return (List<String>) value;
  }

  private static Map<String, String> schedules(Map<ConfigKey, Object> typed) {
    Map<String, String> schedules = new LinkedHashMap<>();
    typed.forEach((key, value) -> {
      if (key.key().startsWith("scheduler.")) {
        schedules.put(key.key().substring("scheduler.".length()), (String) value);
      }
    });
    return schedules;
  }

  private Object parse(ConfigKey key, String value, String source) {
    if (key.type() instanceof ValueType.Cron && source.equals("default")) {
      // our own schedules are valid (ConfigLoaderTest); checking them costs every CLI command the
      // Quartz classes, the time zone data and the locale tables (~35 ms)
      return value;
    }
    try {
      return key.type().parse(value, platform);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Invalid value for " + key.key() + " (from " + source + "): '" + value + "' — " + e.getMessage());
    }
  }

  private Map<ConfigKey, String> readFile(Path path, boolean explicit) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new ConfigException("Config file " + path + " does not exist" + (explicit ? " (given with --config)" : ""));
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      String line = where == null || where.getLineNr() < 0 ? "" : " at line " + where.getLineNr();
      throw new ConfigException("Config file " + path + " is not valid TOML" + line + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + path + ": " + e.getMessage(), e);
    }
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    if (root != null) {
      collect(path, "", root, values);
    }
    return values;
  }

  private void collect(Path path, String prefix, JsonNode table, Map<ConfigKey, String> values) {
    for (Map.Entry<String, JsonNode> field : table.properties()) {
      String name = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (SECRET_KEYS.contains(field.getKey())) {
        throw new ConfigException(
            "Config file " + path + " sets " + name + ", but API keys are never read from the config file: "
                + "remove it and set OPENAI_API_KEY or ANTHROPIC_API_KEY in the daemon's environment");
      }
      if (value.isObject() && isTable(name)) {
        collect(path, name + ".", value, values);
        continue;
      }
      ConfigKey key = ConfigKey.byKey(name).orElseThrow(() -> unknownKey(path, name));
      if (value.isArray() && key.acceptsList()) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode item : value) {
          if (!item.isTextual()) {
            throw new ConfigException("Invalid value for " + name + " in " + path + ": expected a list of strings");
          }
          lines.append(item.asText()).append('\n');
        }
        values.put(key, lines.toString());
        continue;
      }
      if (!value.isValueNode() || value.isNull()) {
        throw new ConfigException("Invalid value for " + name + " in " + path + ": expected a single value, not a table or list");
      }
      values.put(key, value.asText());
    }
  }

  private static boolean isTable(String name) {
    for (ConfigKey key : ConfigKey.values()) {
      if (key.key().startsWith(name + ".")) {
        return true;
      }
    }
    return false;
  }

  private static ConfigException unknownKey(Path path, String name) {
    Set<String> known = new TreeSet<>();
    for (ConfigKey key : ConfigKey.values()) {
      known.add(key.key());
    }
    return new ConfigException(
        "Unknown key '" + name + "' in " + path + ". Known keys: " + String.join(", ", known));
  }
}
