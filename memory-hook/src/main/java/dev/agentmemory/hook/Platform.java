package dev.agentmemory.hook;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where things live on this machine: the operating system, the home directory and the environment
 * that points elsewhere (XDG variables, APPDATA). A value, so tests can describe any machine.
 */
public record Platform(Os os, Path home, Map<String, String> env) {
  /** The operating systems with their own conventions for data, config and runtime files. */
  public enum Os {
    LINUX,
    MACOS,
    WINDOWS
  }

  public Platform {
    env = Map.copyOf(env);
  }

  /**
   * This process's platform. The home directory is {@code $HOME} when set (what a user and their
   * scripts mean by ~), else the JVM's {@code user.home}.
   */
  public static Platform current() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Os os = name.startsWith("windows") ? Os.WINDOWS : name.startsWith("mac") ? Os.MACOS : Os.LINUX;
    String home = System.getenv("HOME");
    return new Platform(os, Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home),
        System.getenv());
  }

  /** {@code ~/.config/agent-memory/config.toml}, or {@code %APPDATA%\agent-memory\config.toml}. */
  public Path configFile() {
    if (os == Os.WINDOWS) {
      return appData().resolve("agent-memory").resolve("config.toml");
    }
    return dirFromEnv("XDG_CONFIG_HOME", home.resolve(".config"))
        .resolve("agent-memory")
        .resolve("config.toml");
  }

  /** Where hooks drop events for the daemon to take in: {@code spool/} in the data directory. */
  public Path spoolDir() {
    return dataDir().resolve("spool");
  }

  /**
   * The directory holding {@code db/}, {@code projects/} and {@code spool/}. On Windows the local
   * application data ({@code %LOCALAPPDATA%}), not the roaming one: a store must not travel with a
   * roaming profile.
   */
  public Path dataDir() {
    return switch (os) {
      case WINDOWS -> localAppData().resolve("agent-memory");
      case MACOS -> home.resolve("Library").resolve("Application Support").resolve("agent-memory");
      case LINUX -> dirFromEnv("XDG_DATA_HOME", home.resolve(".local").resolve("share"))
          .resolve("agent-memory");
    };
  }

  public Path defaultDbPath() {
    return dataDir().resolve("db");
  }

  /** {@code $XDG_RUNTIME_DIR/agent-memory}, else {@code ~/.cache/agent-memory}. */
  public Path runtimeDir() {
    if (os == Os.WINDOWS) {
      return dirFromEnv("TEMP", home.resolve("AppData").resolve("Local").resolve("Temp"))
          .resolve("agent-memory");
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      return Path.of(runtime).resolve("agent-memory");
    }
    return home.resolve(".cache").resolve("agent-memory");
  }

  public Path pidFile() {
    return runtimeDir().resolve("daemon.pid");
  }

  /** {@code $XDG_STATE_HOME/agent-memory/logs} (Linux), the platform's log place elsewhere. */
  public Path logDir() {
    return switch (os) {
      case WINDOWS -> localAppData().resolve("agent-memory").resolve("logs");
      case MACOS -> home.resolve("Library").resolve("Logs").resolve("agent-memory");
      case LINUX -> dirFromEnv("XDG_STATE_HOME", home.resolve(".local").resolve("state"))
          .resolve("agent-memory")
          .resolve("logs");
    };
  }

  private Path localAppData() {
    return dirFromEnv("LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
  }

  private Path appData() {
    return dirFromEnv("APPDATA", home.resolve("AppData").resolve("Roaming"));
  }

  private Path dirFromEnv(String variable, Path fallback) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }
}
