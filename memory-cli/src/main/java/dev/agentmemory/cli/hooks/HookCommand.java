package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.hook.Agent;
import dev.agentmemory.hook.HookMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hook}: what Claude Code runs. The launcher script starts the small hook JVM directly;
 * this command does the same work inside the full CLI (slower start) for setups without it.
 */
@Command(
    name = "hook",
    description = {
      "Capture one hook payload of a coding agent from stdin into the spool (run by the agent).",
      "Prints nothing (except a session's memory at its start) and always exits 0."
    })
public final class HookCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;

  @picocli.CommandLine.Option(names = "--agent", paramLabel = "NAME", defaultValue = "claude",
      description = "Whose hook payload: claude (default), codex, gemini, copilot or opencode.")
  String agent;

  @picocli.CommandLine.Option(names = "--event", paramLabel = "NAME", defaultValue = "",
      description = "The event, for agents whose payload does not name it (Copilot CLI's camelCase hooks).")
  String event;

  @picocli.CommandLine.Option(names = "--no-context", description = "Print nothing at a session start.")
  boolean noContext;

  @Override
  public Integer call() {
    Agent.named(agent).ifPresent(known -> HookMain.run(System.in, root.context().platform(),
        System.currentTimeMillis(), known, event, noContext ? null : System.out));
    return 0;
  }
}
