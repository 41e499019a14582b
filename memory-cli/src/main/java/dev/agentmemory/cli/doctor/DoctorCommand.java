package dev.agentmemory.cli.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.Json;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.cli.client.RemoteOperations;
import dev.agentmemory.cli.hooks.AgentChecks;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.Spool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doctor}: everything that decides whether the memory works, each finding with what to do:
 * runtime, daemon and transport, store and index, disk, spool, file permissions, and every agent's
 * connection.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check the installation, the daemon, the store, the disk, the spool, file permissions and every "
        + "agent's hooks, plugin and MCP server; say what to do about each problem.",
        "Exit code 0 when nothing fails (warnings allowed), 1 when something does."})
public final class DoctorCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  @Override
  public Integer call() {
    Platform platform = root.context().platform();
    DaemonConfig config = root.config();
    List<Check> checks = new ArrayList<>();
    checks.add(Check.ok("runtime", "Java " + Runtime.version() + " at " + System.getProperty("java.home")));
    AgentChecks.launcher(platform).ifPresent(checks::add);
    checks.addAll(daemon(config));
    checks.add(disk(config));
    checks.addAll(spool(platform));
    checks.addAll(permissions(platform, config));
    checks.addAll(AgentChecks.of(platform));
    print(spec.commandLine().getOut(), checks);
    return checks.stream().anyMatch(check -> check.status() == Check.Status.FAIL) ? ExitCode.ERROR : 0;
  }

  private List<Check> daemon(DaemonConfig config) {
    Optional<DaemonInfo> running = root.context().runningDaemon();
    if (running.isEmpty()) {
      return List.of(Check.fail("daemon", "not running: captured events wait in the spool, search and session-start "
          + "memory are stale", "memory-daemon start (memory-daemon service install runs it at login)"));
    }
    Endpoint endpoint = Endpoint.of(running.get());
    List<Check> checks = new ArrayList<>();
    try (DaemonClient client = root.context().clients().apply(endpoint)) {
      checks.add(Check.ok("daemon", client.health(Duration.ofSeconds(3)) + " at " + endpoint + " (PID "
          + running.get().pid() + ")" + (running.get().socket().isEmpty() ? "" : ", socket " + running.get().socket())));
      running.get().warnings().forEach(warning -> checks.add(Check.warn("daemon", warning, "see memory-daemon logs")));
      StoreReport report = new RemoteOperations(client).stats("");
      checks.add(Check.ok("store", report.store().events() + " events in " + report.store().path() + ", format "
          + report.store().format()));
      report.store().warnings().forEach(warning -> checks.add(Check.warn("store", warning,
          "memory-daemon admin verify; memory-daemon logs")));
      report.search().ifPresent(search -> {
        checks.add(search.behind() > 1000
            ? Check.warn("index", search.behind() + " events not yet indexed", "wait, or memory-daemon admin rebuild-index")
            : Check.ok("index", search.documents() + " units, " + search.behind() + " events behind"));
        checks.add(Check.ok("semantic", search.semantic()));
      });
    } catch (CliException e) {
      checks.add(Check.fail("daemon", "not answering at " + endpoint + ": " + e.getMessage(),
          "memory-daemon logs; then memory-daemon stop && memory-daemon start"));
    }
    return checks;
  }

  private static Check disk(DaemonConfig config) {
    Path db = config.storage().dbPath();
    Path existing = db;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      long free = existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
      String detail = megabytes(free) + " free for " + db;
      if (free < config.storage().diskReserve()) {
        return Check.fail("disk", detail + ", below disk_reserve (" + megabytes(config.storage().diskReserve())
            + "): new events are refused", "free disk space, or lower disk_reserve (docs/configuration.md)");
      }
      if (free < config.storage().diskWarning()) {
        return Check.warn("disk", detail + ", below disk_warning (" + megabytes(config.storage().diskWarning()) + ")",
            "free disk space");
      }
      return Check.ok("disk", detail);
    } catch (IOException e) {
      return Check.warn("disk", "cannot tell the free space for " + db + ": " + e.getMessage(), "check the path");
    }
  }

  private static List<Check> spool(Platform platform) {
    List<Check> checks = new ArrayList<>();
    Path rejected = platform.spoolDir().resolve("rejected");
    try {
      int pending = new Spool(platform.spoolDir()).pending().size();
      checks.add(Check.ok("spool", pending + " event" + (pending == 1 ? "" : "s") + " waiting in " + platform.spoolDir()));
      if (Files.isDirectory(rejected)) {
        try (Stream<Path> files = Files.list(rejected)) {
          long count = files.count();
          if (count > 0) {
            checks.add(Check.warn("spool", count + " spooled events could not be stored (" + rejected + ")",
                "memory-daemon logs says why; remove the files once read (docs/capture.md)"));
          }
        }
      }
    } catch (IOException e) {
      checks.add(Check.fail("spool", "cannot read " + platform.spoolDir() + ": " + e.getMessage(),
          "check its owner and permissions (ls -ld)"));
    }
    return checks;
  }

  /** The memory's directories must be this user's alone (0700): other users can read a group- or world-readable one. */
  private static List<Check> permissions(Platform platform, DaemonConfig config) {
    List<Check> checks = new ArrayList<>();
    for (Path dir : List.of(config.storage().dbPath(), platform.dataDir(), platform.spoolDir())) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(dir);
        if (modes.stream().anyMatch(mode -> mode.name().startsWith("GROUP") || mode.name().startsWith("OTHERS"))) {
          checks.add(Check.fail("permissions", dir + " can be read by other users", "chmod 700 " + dir));
        }
      } catch (IOException | UnsupportedOperationException e) {
        // not a POSIX file system: nothing to tell
      }
    }
    if (checks.isEmpty()) {
      checks.add(Check.ok("permissions", "the store, data and spool directories are this user's alone"));
    }
    return checks;
  }

  private void print(PrintWriter out, List<Check> checks) {
    long failed = checks.stream().filter(check -> check.status() == Check.Status.FAIL).count();
    long warned = checks.stream().filter(check -> check.status() == Check.Status.WARN).count();
    if (json) {
      ObjectNode node = Json.object().put("failed", failed).put("warnings", warned);
      ArrayNode list = node.putArray("checks");
      checks.forEach(check -> {
        ObjectNode entry = list.addObject().put("area", check.area())
            .put("status", check.status().name().toLowerCase(Locale.ROOT)).put("detail", check.detail());
        check.fix().ifPresent(fix -> entry.put("fix", fix));
      });
      Json.print(out, node);
      return;
    }
    for (Check check : checks) {
      out.printf("%-4s %-12s %s%n", check.status(), check.area(), check.detail());
      check.fix().ifPresent(fix -> out.printf("     %-12s fix: %s%n", "", fix));
    }
    out.printf("%n%s%n", failed == 0 && warned == 0 ? "Everything looks right."
        : failed + " problem" + (failed == 1 ? "" : "s") + ", " + warned + " warning" + (warned == 1 ? "" : "s") + ".");
  }

  private static String megabytes(long bytes) {
    return (bytes >> 20) + " MB";
  }
}
