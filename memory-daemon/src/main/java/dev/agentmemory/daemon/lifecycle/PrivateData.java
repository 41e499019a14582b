package dev.agentmemory.daemon.lifecycle;

import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.hook.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the daemon keeps is readable by its user only. Earlier versions (and a umask of 022)
 * left most files 0644 and several directories 0755; at each start whatever others could read is
 * tightened, and the log says so.
 */
public final class PrivateData {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateData.class);

  private PrivateData() {}

  /**
   * What holds the memory, its copies and its traces: the directories that are the daemon's own
   * (data, store, runtime, logs), and in directories the user chose for backups or the log only
   * the backups and log files, not the rest of what is there.
   */
  public static List<Path> roots(DaemonConfig config, Platform platform) {
    Set<Path> roots = new LinkedHashSet<>();
    roots.add(platform.dataDir());
    roots.add(config.storage().dbPath());
    roots.add(platform.runtimeDir());
    roots.add(platform.logDir());
    try {
      roots.addAll(Backups.list(config.backup().dir()));
    } catch (UncheckedIOException e) {
      // a backup directory this user cannot list: nothing there to tighten, and no reason not to start
      LOG.warn("Expected to look at the backups in {}, but {}", config.backup().dir(), e.getMessage());
    }
    Path log = config.log().file().toAbsolutePath();
    for (int rotated = 0; rotated <= config.log().keep(); rotated++) {
      roots.add(rotated == 0 ? log : log.resolveSibling(log.getFileName() + "." + rotated));
    }
    return List.copyOf(roots);
  }

  /** Takes the rights of group and others from every root and all under it; logs what changed. */
  public static void tighten(List<Path> roots) {
    for (Path root : roots) {
      try {
        int changed = PrivateFiles.restrictTree(root);
        if (changed > 0) {
          LOG.info("Made {} files and directories under {} readable by their owner only (other users could read them)",
              changed, root);
        }
      } catch (IOException e) {
        LOG.warn("Expected to make {} private, but {}: check its permissions (chmod -R go-rwx {})", root,
            e.getMessage(), root);
      }
    }
  }
}
