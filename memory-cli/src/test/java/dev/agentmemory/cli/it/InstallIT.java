package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive the build makes, installed as docs/install.md says into a sandboxed home
 * whose PATH has no java and with no JAVA_HOME: start, status, hook, search, hooks install; an
 * upgrade to a second build keeps the memory, restarts the daemon and the registrations working;
 * uninstall removes the program and the registrations and keeps the memory.
 */
class InstallIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What install.sh, the launcher and the agents' hook commands call, and nothing else. */
  private static final List<String> TOOLS = List.of("sh", "tar", "gzip", "ln", "mkdir", "rm", "cp", "mv", "readlink",
      "dirname", "uname", "cat", "sleep", "mktemp", "grep", "sed", "env", "date", "cut", "du");

  @TempDir Path tmp;
  private DaemonProcess sandbox;
  private Path launcher;

  @BeforeEach
  void sandboxWithoutJava() throws Exception {
    sandbox = new DaemonProcess(tmp);
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String tool : TOOLS) {
      Path found = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst()
          .orElseThrow(() -> new AssertionError(tool + " is not installed in /usr/bin or /bin"));
      Files.copy(found, tools.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
    }
    sandbox.env.put("PATH", tools.toString());
    sandbox.env.remove("JAVA_HOME");
    sandbox.env.put("MEMORY_GRPC_PORT", "0");
    launcher = tmp.resolve("home/.local/bin/memory-daemon");
    sandbox.command = launcher;
    assertThat(sandbox.runProgram(null, "sh", "-c", "command -v java || echo none").out().trim())
        .as("java in the sandbox's PATH").isEqualTo("none");
  }

  @AfterEach
  void stop() {
    sandbox.stopQuietly();
  }

  @Test
  void shouldInstallWithoutJava_runTheMemory_upgradeKeepingIt_andUninstall() throws Exception {
    // given: the release archive, unpacked
    Path release = unpack(releaseArchive(), tmp.resolve("unpacked"));
    String version = Files.readString(release.resolve("VERSION")).trim();

    // when: installed
    DaemonProcess.Result installed = sandbox.runProgram(null, "sh", release.resolve("install.sh").toString());

    // then: the command runs on the release's own runtime
    assertThat(installed.exitCode()).as(installed.toString()).isZero();
    assertThat(installed.out()).contains("Installed agent-memory " + version);
    Path apps = tmp.resolve("data/agent-memory/app");
    assertThat(Files.readSymbolicLink(apps.resolve("current"))).hasToString(version);
    assertThat(apps.resolve("current/lib/cli.jsa")).as("start-up archives recorded in place").exists();
    assertThat(sandbox.run("start").exitCode()).isZero();
    String firstPid = pid(sandbox.run("status"));
    Path project = Files.createDirectories(tmp.resolve("work/ledger/.git")).getParent();
    assertThat(sandbox.run("hooks", "install").exitCode()).isZero();
    String hookCommand = JSON.readTree(tmp.resolve("home/.claude/settings.json").toFile())
        .findValue("command").asText();
    assertThat(hookCommand).isEqualTo(apps.resolve("current/bin/memory-daemon") + " hook");
    hook(hookCommand, project, "Why is the invoice total off by a cent");
    awaitSearchFinds(project, "invoice total", "off by a cent");

    // when: a second build installed over it, the daemon running
    Path second = Files.createDirectories(tmp.resolve("second"));
    sandbox.runProgram(null, "cp", "-R", release.toString(), second.resolve("release").toString());
    Files.writeString(second.resolve("release/VERSION"), version + "-next\n");
    DaemonProcess.Result upgraded = sandbox.runProgram(null, "sh", second.resolve("release/install.sh").toString());

    // then: the memory is kept, the daemon runs the new version, the registered hook still works
    assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();
    assertThat(upgraded.out()).contains("Upgraded from " + version);
    assertThat(Files.readSymbolicLink(apps.resolve("current"))).hasToString(version + "-next");
    assertThat(pid(sandbox.run("status"))).as("restarted").isNotEqualTo(firstPid);
    awaitSearchFinds(project, "invoice total", "off by a cent");
    hook(hookCommand, project, "Round the VAT once per invoice, not per line");
    awaitSearchFinds(project, "VAT invoice", "not per line");

    // when: uninstalled
    DaemonProcess.Result removed = sandbox.runProgram(null, "sh", apps.resolve("current/install.sh").toString(),
        "--uninstall");

    // then: the program and the registrations are gone, the memory stays
    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(launcher).doesNotExist();
    assertThat(apps).doesNotExist();
    assertThat(tmp.resolve("data/agent-memory/db/CURRENT")).exists();
    Path settings = tmp.resolve("home/.claude/settings.json");
    assertThat(Files.exists(settings) ? Files.readString(settings) : "").doesNotContain("memory-daemon");
  }

  private static Path releaseArchive() throws IOException {
    Path target = DaemonProcess.launcher().getParent().getParent().getParent();
    try (Stream<Path> files = Files.list(target)) {
      List<Path> archives = files.filter(file -> file.getFileName().toString().matches("agent-memory-.*\\.tar\\.gz"))
          .toList();
      assertThat(archives).as("the release archive the build makes in %s", target).hasSize(1);
      return archives.get(0);
    }
  }

  private Path unpack(Path archive, Path into) throws Exception {
    Files.createDirectories(into);
    DaemonProcess.Result untar = sandbox.runProgram(null, "tar", "xzf", archive.toString(), "-C", into.toString());
    assertThat(untar.exitCode()).as(untar.toString()).isZero();
    try (Stream<Path> dirs = Files.list(into)) {
      return dirs.findFirst().orElseThrow();
    }
  }

  private void hook(String hookCommand, Path project, String prompt) throws Exception {
    Path payload = Files.createTempFile(tmp, "payload", ".json");
    Files.writeString(payload, JSON.createObjectNode().put("session_id", "s1").put("hook_event_name", "UserPromptSubmit")
        .put("cwd", project.toString()).put("prompt", prompt).toString());
    DaemonProcess.Result hooked = sandbox.runProgram(payload, "sh", "-c", hookCommand);
    assertThat(hooked.exitCode()).as(hooked.toString()).isZero();
  }

  private void awaitSearchFinds(Path project, String words, String expected) throws Exception {
    DaemonProcess.await(() -> sandbox.runIn(project, "search", words).out(), expected);
  }

  private static String pid(DaemonProcess.Result status) {
    Matcher matcher = Pattern.compile("PID (\\d+)").matcher(status.out());
    assertThat(matcher.find()).as(status.toString()).isTrue();
    return matcher.group(1);
  }
}
