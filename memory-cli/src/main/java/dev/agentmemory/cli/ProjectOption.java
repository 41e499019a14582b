package dev.agentmemory.cli;

import dev.agentmemory.daemon.ProjectNames;
import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.hook.ProjectName;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --project NAME}: which project's store a command works on. */
public final class ProjectOption {
  /** The environment variable naming the project when {@code --project} is not given. */
  public static final String ENV = ProjectName.ENV;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "The project whose store to use; '.' is the project of the current directory as the hook "
          + "names it (its git root's name). Default: $" + ENV + "; for search and query, else the current "
          + "directory's project when it has a store; else the default store. `admin stats` lists the projects.")
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

  /**
   * The store a reading command (search, query) reads: the project named by {@code --project} or
   * $MEMORY_PROJECT; else the current directory's project when it has a store (the hook stores a
   * repository's events there, so from inside it that is where they are); else the default store.
   */
  public Choice forReading(MemoryDaemonCommand root) {
    String named = name(root);
    if (project != null || !named.isEmpty()) {
      return new Choice(named, false);
    }
    String here = here(root);
    return hasStore(root, here) ? new Choice(here, true) : new Choice("", false);
  }

  /**
   * A store chosen for reading.
   *
   * @param project its project, empty for the default store
   * @param fromDirectory whether it is the current directory's project, taken without being named
   */
  public record Choice(String project, boolean fromDirectory) {
    /** "project shop-api (this directory's)", "project shop-api" or "the default store". */
    public String describe() {
      return project.isEmpty() ? "the default store"
          : "project " + project + (fromDirectory ? " (this directory's)" : "");
    }
  }

  /** Whether {@code project} has a store beside the running daemon's (else the configured) default store. */
  private static boolean hasStore(MemoryDaemonCommand root, String project) {
    if (!root.config().multiAgentMode().equals("separate")) {
      return false;
    }
    Path dbPath = root.context().runningDaemon().map(info -> Path.of(info.dbPath()))
        .orElseGet(() -> root.config().storage().dbPath());
    try {
      return Files.isDirectory(ProjectNames.storeDir(dbPath, project));
    } catch (InvalidArgumentException e) {
      return false; // a name no store can have ("/")
    }
  }

  /** What the hook would tag an event from here with: $MEMORY_PROJECT, else the git root's name. */
  private static String here(MemoryDaemonCommand root) {
    return ProjectName.of(root.context().platform().env(), Path.of("").toAbsolutePath());
  }
}
