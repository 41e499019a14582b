package dev.agentmemory.hook;

import dev.agentmemory.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hook must know of the daemon's configuration to treat an event as the daemon would
 * before it writes it to disk: how much text an event may hold, and how to redact. The daemon
 * writes {@code hook-settings.json} in the data directory at each start (the hook reads no TOML);
 * without it, the defaults apply (1 MiB, the built-in redaction rules).
 *
 * @param maxEventBytes texts are cut to this many UTF-8 bytes, with a marker
 */
public record HookSettings(long maxEventBytes, boolean redaction, List<String> extraPatterns, List<String> allow) {
  public static final long DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
  private static final String FILE_NAME = "hook-settings.json";

  public HookSettings {
    extraPatterns = List.copyOf(extraPatterns);
    allow = List.copyOf(allow);
  }

  public static HookSettings defaults() {
    return new HookSettings(DEFAULT_MAX_EVENT_BYTES, true, List.of(), List.of());
  }

  public static Path file(Platform platform) {
    return platform.dataDir().resolve(FILE_NAME);
  }

  /** The settings the daemon last wrote; the defaults when there are none (or they cannot be read). */
  public static HookSettings read(Platform platform) {
    try {
      Map<String, Object> json = JsonTree.parseObject(Files.readString(file(platform), StandardCharsets.UTF_8));
      long max = json.get("max_event_bytes") instanceof Number number ? number.longValue() : DEFAULT_MAX_EVENT_BYTES;
      return new HookSettings(max > 0 ? max : DEFAULT_MAX_EVENT_BYTES, !Boolean.FALSE.equals(json.get("redaction")),
          strings(json.get("extra_patterns")), strings(json.get("allow")));
    } catch (IOException | RuntimeException e) {
      return defaults();
    }
  }

  /** Writes these settings for the hooks of {@code platform} (readable by this user only). */
  public void write(Platform platform) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("max_event_bytes", maxEventBytes);
    json.put("redaction", redaction);
    json.put("extra_patterns", extraPatterns);
    json.put("allow", allow);
    PrivateFiles.writeAtomically(file(platform), (JsonTree.write(json) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The redactor these settings describe. */
  public Redactor redactor() {
    try {
      return new Redactor(redaction, extraPatterns, allow);
    } catch (RuntimeException e) {
      // a pattern this JVM cannot compile: the built-in rules still hold
      return new Redactor(redaction, List.of(), allow);
    }
  }

  private static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> strings.add(String.valueOf(item)));
    }
    return strings;
  }
}
