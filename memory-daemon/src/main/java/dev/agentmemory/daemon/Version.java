package dev.agentmemory.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build: release version, git commit and build time, stamped into the jar by the build, so an
 * upgrade can tell two builds of one version apart.
 */
public final class Version {
  private static final Properties BUILD = load();

  private Version() {}

  /** The release version, such as {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return value("version");
  }

  /** The abbreviated git commit (with {@code -dirty} for uncommitted changes), or "unknown". */
  public static String commit() {
    String commit = value("commit");
    return commit.equals("unknown") || !value("dirty").equals("true") ? commit : commit + "-dirty";
  }

  /** When the jar was built (ISO-8601, UTC), or "unknown". */
  public static String buildTime() {
    return value("built");
  }

  /** {@code 0.1.0 (commit 1a2b3c4d5e6f, built 2026-11-30T12:00:00Z)}. */
  public static String describe() {
    return current() + " (commit " + commit() + ", built " + buildTime() + ")";
  }

  private static String value(String key) {
    String value = BUILD.getProperty(key, "");
    // a placeholder the build left unfilled (no .git to read) says nothing
    return value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // "unknown" everywhere
    }
    return properties;
  }
}
