package dev.agentmemory.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --project NAME}: which project's store a command works on. */
public final class ProjectOption {
  /** The environment variable naming the project when {@code --project} is not given. */
  public static final String ENV = "MEMORY_PROJECT";

  @Option(
      names = "--project",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "The project whose store to use (default: $" + ENV + ", else the default store; "
          + "`admin stats` lists the projects).")
  String project;

  /** The project named by the option or the environment; empty for the default store. */
  public String name(MemoryDaemonCommand root) {
    if (project != null) {
      if (project.isBlank()) {
        throw new CliException("--project needs a name (see `memory-daemon admin stats` for the projects)",
            ExitCode.USAGE);
      }
      return project.trim();
    }
    return root.context().platform().env().getOrDefault(ENV, "").trim();
  }
}
