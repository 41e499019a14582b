package dev.agentmemory.daemon.context;

import dev.agentmemory.daemon.ProjectStore;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.hook.ProjectName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each project's session-start memory file ({@code <data dir>/context/<project>.md}, which
 * the hook prints on SessionStart) up to date: written when the project's store opens and after
 * every change of its TOC, removed when there is nothing to tell. With {@code [context]
 * session_start = false} the files are removed and none is written. Only project stores get one:
 * the default store mixes whatever had no project, and a session must never see another project's
 * memory.
 */
public final class SessionContexts {
  private static final Logger LOG = LoggerFactory.getLogger(SessionContexts.class);

  private final Path dir;
  private final DaemonConfig config;
  private final String command;

  /** @param launcher the launcher that started the daemon (MEMORY_DAEMON_LAUNCHER), if any */
  public SessionContexts(Path dir, DaemonConfig config, Optional<String> launcher) {
    this.dir = dir;
    this.config = config;
    this.command = launcher.filter(path -> !path.isBlank())
        .map(path -> path.contains(" ") ? "\"" + path + "\"" : path).orElse("memory-daemon");
    if (!config.context().sessionStart()) {
      removeAll();
    }
  }

  /** Writes the file of a project store now and after every TOC change. */
  public void watch(ProjectStore project) {
    if (!config.context().sessionStart() || project.name().isEmpty()) {
      return;
    }
    RecentMemory memory = new RecentMemory(project.store(), config.toc().zone(), config.context().maxTokens(),
        command);
    Runnable update = () -> write(project.name(), memory.compose(project.name()));
    update.run();
    project.onTocChanged(update);
  }

  private void write(String project, Optional<String> text) {
    Path file = dir.resolve(ProjectName.sanitize(project) + ".md");
    try {
      if (text.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      byte[] bytes = text.get().getBytes(StandardCharsets.UTF_8);
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return;
      }
      PrivateFiles.writeAtomically(file, bytes);
    } catch (IOException e) {
      LOG.warn("Expected to write the session-start memory {}, but {}", file, e.toString());
    }
  }

  private void removeAll() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.md")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.warn("Expected to remove the session-start memory files in {}, but {}", dir, e.toString());
    }
  }
}
