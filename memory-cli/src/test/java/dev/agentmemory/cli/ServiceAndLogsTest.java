package dev.agentmemory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.cli.client.GrpcDaemonClient;
import dev.agentmemory.hook.Platform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `service` (the unit files, written and removed exactly) and `logs` (the end of the log file). */
class ServiceAndLogsTest {
  private static final String LAUNCHER = "/opt/agent memory/bin/memory-daemon";

  @TempDir Path tmp;

  private Result run(Platform platform, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, CliContext.of(platform), new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int code, String out, String err) {}

  private Platform platform(Platform.Os os) {
    return new Platform(os, tmp.resolve("home"), Map.of("MEMORY_DAEMON_LAUNCHER", LAUNCHER,
        "XDG_RUNTIME_DIR", tmp.resolve("run").toString()));
  }

  @Test
  void shouldWriteASystemdUserUnit_andRemoveExactlyIt() throws Exception {
    // given
    Platform linux = platform(Platform.Os.LINUX);
    Path unit = tmp.resolve("home/.config/systemd/user/memory-daemon.service");

    // when
    Result dryInstall = run(linux, "service", "install", "--dry-run");
    boolean writtenByDryRun = Files.exists(unit);
    Result install = run(linux, "service", "install");
    String text = Files.readString(unit);
    Result dryUninstall = run(linux, "service", "uninstall", "--dry-run");
    Result status = run(linux, "service", "status");
    Files.createDirectories(unit.resolveSibling("default.target.wants"));
    Files.createSymbolicLink(unit.resolveSibling("default.target.wants").resolve("memory-daemon.service"), unit);
    Result enabled = run(linux, "service", "uninstall");
    Files.delete(unit.resolveSibling("default.target.wants").resolve("memory-daemon.service"));
    Result uninstall = run(linux, "service", "uninstall");

    // then
    assertThat(dryInstall.code()).as(dryInstall.toString()).isZero();
    assertThat(dryInstall.out()).startsWith("DRY RUN - would write " + unit).contains("Restart=on-failure");
    assertThat(writtenByDryRun).isFalse();
    assertThat(dryUninstall.out()).isEqualTo("DRY RUN - would remove " + unit + ".\n");
    assertThat(install.code()).as(install.toString()).isZero();
    assertThat(install.out()).contains("systemctl --user enable --now memory-daemon.service");
    assertThat(text).contains("ExecStart=\"" + LAUNCHER + "\" start --foreground\n", "Restart=on-failure\n",
        "WantedBy=default.target\n", "[Service]\nType=simple\n");
    assertThat(status.out()).contains(unit + ": installed");
    assertThat(enabled.code()).isEqualTo(1);
    assertThat(enabled.err()).contains("disable it first", "systemctl --user disable --now memory-daemon.service");
    assertThat(uninstall.code()).isZero();
    assertThat(unit).doesNotExist();
  }

  @Test
  void shouldWriteALaunchdAgent_andNeverTouchAFileThatIsNotOurs() throws Exception {
    // given
    Platform mac = platform(Platform.Os.MACOS);
    Path plist = tmp.resolve("home/Library/LaunchAgents/dev.agentmemory.daemon.plist");

    // when
    Result install = run(mac, "service", "install");
    String text = Files.readString(plist);
    Files.writeString(plist, "<plist>the user's own</plist>");
    Result foreign = run(mac, "service", "install");
    Result uninstall = run(mac, "service", "uninstall");

    // then
    assertThat(install.code()).as(install.toString()).isZero();
    assertThat(text).contains("<string>dev.agentmemory.daemon</string>", "<string>" + LAUNCHER + "</string>",
        "<string>--foreground</string>", "<key>RunAtLoad</key>\n  <true/>", "<key>SuccessfulExit</key>\n    <false/>");
    assertThat(foreign.code()).isEqualTo(1);
    assertThat(foreign.err()).contains("was not written by memory-daemon");
    assertThat(uninstall.out()).contains("nothing removed");
    assertThat(Files.readString(plist)).isEqualTo("<plist>the user's own</plist>");
  }

  @Test
  void shouldPrintTheLastLinesOfTheLog_orSayWhereThereIsNone() throws Exception {
    // given
    Platform linux = platform(Platform.Os.LINUX);
    Path log = tmp.resolve("home/.local/state/agent-memory/logs/daemon.log");

    // when
    Result none = run(linux, "logs");
    Files.createDirectories(log.getParent());
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      lines.append("line ").append(i).append('\n');
    }
    Files.writeString(log, lines);
    Result last = run(linux, "logs", "-n", "3");

    // then
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("No log at " + log);
    assertThat(last.code()).isZero();
    assertThat(last.out()).isEqualTo("line 98\nline 99\nline 100\n");
  }
}
