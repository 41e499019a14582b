package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.Endpoint;
import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import dev.agentmemory.domain.AgentTally;
import dev.agentmemory.hook.Platform;
import dev.agentmemory.hook.Spool;
import dev.agentmemory.proto.GetStoreStatsResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hooks status}: where the hook is installed, whether the daemon answers, the spool backlog. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show where the hook, the skill and the MCP server are installed and whether captured events reach the daemon.")
public final class HooksStatusCommand implements Callable<Integer> {
  @ParentCommand HooksCommand hooks;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Platform platform = hooks.root().context().platform();
    Map<String, AgentTally> captured = capturedByAgent();
    Path here = Path.of("").toAbsolutePath();
    for (Path base : List.of(platform.home(), here)) {
      Path file = base.resolve(".claude").resolve("settings.json");
      Optional<ClaudeSettings> settings = Files.exists(file) ? Optional.of(ClaudeSettings.read(file)) : Optional.empty();
      List<String> events = settings.map(ClaudeSettings::installedEvents).orElse(List.of());
      out.printf("%s: %s%s%n", file, events.isEmpty() ? "not installed" : "installed for " + String.join(", ", events),
          plugin(settings, events));
      AgentSkill skill = AgentSkill.claude(base);
      out.printf("%s: %s%n", skill.file(), skill.installed() ? "installed" : "not installed");
    }
    for (Optional<Path> project : List.of(Optional.<Path>empty(), Optional.of(here))) {
      ClaudeMcpServers mcp = ClaudeMcpServers.read(platform.home(), project);
      out.printf("MCP server %s (%s): %s%n", ClaudeMcpServers.NAME, mcp.scope(),
          mcp.installed() ? "registered in " + mcp.path() : "not registered");
    }
    for (String name : AgentSetup.NAMES) {
      AgentSetup setup = AgentSetup.of(name, platform, Optional.empty()).orElseThrow();
      String status;
      try {
        status = setup.found() ? setup.status() : "not found";
      } catch (CliException e) {
        status = e.getMessage();
      }
      out.printf("%s (%s): %s%s%n", setup.title(), setup.dir(), status, lastEvent(captured, name));
    }
    if (captured != null) {
      out.printf("Claude Code: %s%n", lastEvent(captured, "claude").replaceFirst("^; ", ""));
    }
    int pending = new Spool(platform.spoolDir()).pending().size();
    out.printf("Spool: %s (%d event%s waiting)%n", platform.spoolDir(), pending, pending == 1 ? "" : "s");
    out.printf("Daemon: %s%n", daemonHealth(platform));
    Path log = platform.logDir().resolve("hook.log");
    if (Files.exists(log)) {
      List<String> lines = Files.readAllLines(log);
      if (!lines.isEmpty()) {
        out.printf("Last hook problem: %s%n", lines.get(lines.size() - 1));
      }
    }
    return 0;
  }

  /** What the file says of the Claude Code plugin, and whether it and the hooks both capture. */
  private static String plugin(Optional<ClaudeSettings> settings, List<String> events) {
    if (settings.isEmpty() || !settings.get().pluginEnabled()) {
      return "";
    }
    return "; plugin " + ClaudeSettings.PLUGIN + " enabled" + (events.isEmpty() ? "" : " too: each session is given "
        + "its memory twice (memory-daemon hooks uninstall keeps the plugin)");
  }

  /** "; N events, last stored at ..." of one agent; nothing when the daemon does not answer. */
  private String lastEvent(Map<String, AgentTally> captured, String agent) {
    if (captured == null) {
      return "";
    }
    AgentTally tally = captured.get(agent);
    return tally == null ? "; no events captured yet" : String.format("; %d events, last stored %s", tally.events(),
        Instant.ofEpochMilli(tally.lastStoredMs()).atZone(hooks.root().zone()).toLocalDateTime()
            .truncatedTo(ChronoUnit.SECONDS));
  }

  /** Every store's events per agent, added up; null when no daemon answers. */
  private Map<String, AgentTally> capturedByAgent() {
    Optional<DaemonInfo> running = hooks.root().context().runningDaemon();
    if (running.isEmpty()) {
      return null;
    }
    Map<String, AgentTally> total = new TreeMap<>();
    try (DaemonClient client = hooks.root().context().clients().apply(Endpoint.of(running.get()))) {
      GetStoreStatsResponse main = client.storeStats();
      List<GetStoreStatsResponse> all = new ArrayList<>(List.of(main));
      for (String project : main.getProjectsList()) {
        all.add(client.inProject(project).storeStats());
      }
      for (GetStoreStatsResponse stats : all) {
        stats.getAgentsList().forEach(agent -> total.merge(agent.getAgent(),
            new AgentTally(agent.getEvents(), agent.getLastStoredMs()),
            AgentTally::add));
      }
      return total;
    } catch (CliException e) {
      return null;
    }
  }

  private String daemonHealth(Platform platform) {
    Optional<DaemonInfo> running = hooks.root().context().runningDaemon();
    if (running.isEmpty()) {
      return "not running (captured events wait in the spool; `memory-daemon start` takes them in)";
    }
    DaemonInfo info = running.get();
    Endpoint endpoint = Endpoint.of(info);
    try (DaemonClient client = hooks.root().context().clients().apply(endpoint)) {
      return client.health(Duration.ofSeconds(3)) + " at " + endpoint + " (PID " + info.pid() + ")";
    } catch (CliException e) {
      return "not answering at " + endpoint + " (" + e.getMessage() + ")";
    }
  }
}
