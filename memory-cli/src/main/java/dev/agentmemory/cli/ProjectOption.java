package dev.agentmemory.cli;

import dev.agentmemory.hook.GitInfo;
import java.nio.file.Path;
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
      description = "The project whose store to use; '.' is the project of the current directory as the hook "
          + "names it (its git root's name). Default: $" + ENV + ", else the default store; "
          + "`admin stats` lists the projects.")
  String project;

  /** The {@code --project} value naming the current directory's project. */
  static final String HERE = ".";

  /** The project named by the option or the environment; empty for the default store. */
  public String name(MemoryDaemonCommand root) {
    if (project != null) {
      if (project.isBlank()) {
        throw new CliException("--project needs a name (see `memory-daemon admin stats` for the projects)",
            ExitCode.USAGE);
      }
      return project.trim().equals(HERE) ? here(root) : project.trim();
    }
    return root.context().platform().env().getOrDefault(ENV, "").trim();
  }

  /** What the hook would tag an event from here with: $MEMORY_PROJECT, else the git root's name. */
  private static String here(MemoryDaemonCommand root) {
    String named = root.context().platform().env().getOrDefault(ENV, "").trim();
    return named.isEmpty() ? GitInfo.of(Path.of("").toAbsolutePath()).project() : named;
  }
}
