package dev.agentmemory.cli.service;

import dev.agentmemory.hook.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file that makes the user's service manager run the daemon at login and restart it when it
 * fails: a systemd user unit on Linux, a launchd agent on macOS. Both run {@code start
 * --foreground}, so the service manager owns the process (and its stop).
 *
 * @param enabledMark a file that exists while the service is enabled (systemd's wants link), if one is known
 */
record ServiceUnit(Path file, String text, List<String> enable, List<String> disable, Optional<Path> enabledMark) {
  /** Every file we write carries this line, so uninstall removes only ours. */
  static final String MARK = "agent-memory: written by memory-daemon service install";
  static final String SYSTEMD_NAME = "memory-daemon.service";
  static final String LAUNCHD_LABEL = "dev.agentmemory.daemon";

  /**
   * @throws UnsupportedOperationException on Windows
   */
  static ServiceUnit of(Platform platform, String launcher) {
    return switch (platform.os()) {
      case LINUX -> systemd(platform, launcher);
      case MACOS -> launchd(platform, launcher);
      case WINDOWS -> throw new UnsupportedOperationException(
          "service install supports Linux (systemd) and macOS (launchd); on Windows run `memory-daemon start` from a "
              + "scheduled task at logon");
    };
  }

  private static ServiceUnit systemd(Platform platform, String launcher) {
    Path dir = Path.of(platform.env().getOrDefault("XDG_CONFIG_HOME", platform.home().resolve(".config").toString()))
        .resolve("systemd").resolve("user");
    String text = "# " + MARK + "\n"
        + "[Unit]\n"
        + "Description=agent-memory daemon (long-term memory for coding agents)\n"
        + "After=default.target\n"
        + "\n"
        + "[Service]\n"
        + "Type=simple\n"
        + "ExecStart=" + quoted(launcher) + " start --foreground\n"
        + "Restart=on-failure\n"
        + "RestartSec=5\n"
        + "# stop answers SIGTERM within seconds; give a large store time to flush\n"
        + "TimeoutStopSec=90\n"
        + "\n"
        + "[Install]\n"
        + "WantedBy=default.target\n";
    return new ServiceUnit(dir.resolve(SYSTEMD_NAME), text,
        List.of("systemctl --user daemon-reload", "systemctl --user enable --now " + SYSTEMD_NAME),
        List.of("systemctl --user disable --now " + SYSTEMD_NAME),
        Optional.of(dir.resolve("default.target.wants").resolve(SYSTEMD_NAME)));
  }

  private static ServiceUnit launchd(Platform platform, String launcher) {
    Path file = platform.home().resolve("Library").resolve("LaunchAgents").resolve(LAUNCHD_LABEL + ".plist");
    String log = platform.logDir().resolve("launchd.log").toString();
    String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        + "<!-- " + MARK + " -->\n"
        + "<plist version=\"1.0\">\n"
        + "<dict>\n"
        + "  <key>Label</key>\n"
        + "  <string>" + LAUNCHD_LABEL + "</string>\n"
        + "  <key>ProgramArguments</key>\n"
        + "  <array>\n"
        + "    <string>" + xml(launcher) + "</string>\n"
        + "    <string>start</string>\n"
        + "    <string>--foreground</string>\n"
        + "  </array>\n"
        + "  <key>RunAtLoad</key>\n"
        + "  <true/>\n"
        + "  <key>KeepAlive</key>\n"
        + "  <dict>\n"
        + "    <key>SuccessfulExit</key>\n"
        + "    <false/>\n"
        + "  </dict>\n"
        + "  <key>StandardErrorPath</key>\n"
        + "  <string>" + xml(log) + "</string>\n"
        + "</dict>\n"
        + "</plist>\n";
    return new ServiceUnit(file, text, List.of("launchctl load -w " + file), List.of("launchctl unload -w " + file),
        Optional.empty());
  }

  /** systemd splits ExecStart on spaces: a path with one is quoted. */
  private static String quoted(String path) {
    return path.contains(" ") ? "\"" + path + "\"" : path;
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
