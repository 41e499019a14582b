package dev.agentmemory.daemon;

import dev.agentmemory.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the spool drainer when hooks write to the spool: a file watcher (inotify on Linux) that
 * sleeps until a file lands, or, where there is none (or it is turned off), a look every second.
 * With a watcher it still looks every 30 s, for file systems that do not report every change.
 */
final class SpoolWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolWatch.class);
  /** How often the spool is looked at without a file watcher. */
  static final Duration WITHOUT_WATCHER = Duration.ofSeconds(1);
  /** How often it is looked at anyway with one. */
  static final Duration SAFETY = Duration.ofSeconds(30);

  private final List<Path> dirs;
  private final WatchService watcher;
  private final Map<Path, WatchKey> keys = new HashMap<>();

  private SpoolWatch(List<Path> dirs, WatchService watcher) {
    this.dirs = dirs;
    this.watcher = watcher;
  }

  /** Watches {@code dirs} (created if missing) when {@code useWatcher} and the system can. */
  static SpoolWatch open(List<Path> dirs, boolean useWatcher) {
    if (!useWatcher) {
      LOG.info("Looking at the spool every {} s (spool_watch = false)", WITHOUT_WATCHER.toSeconds());
      return new SpoolWatch(dirs, null);
    }
    try {
      SpoolWatch watch = new SpoolWatch(dirs, FileSystems.getDefault().newWatchService());
      watch.registerMissing(); // now, so that a file landing before the first wait is not missed
      return watch;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("Expected a file watcher on the spool, but {}; looking at it every {} s instead", e.getMessage(),
          WITHOUT_WATCHER.toSeconds());
      return new SpoolWatch(dirs, null);
    }
  }

  /** The longest this watch sleeps when nothing happens. */
  Duration idleWait() {
    return watcher == null ? WITHOUT_WATCHER : SAFETY;
  }

  /** Sleeps until a file changes in the spool, or {@code max} passes (at most {@link #idleWait()}). */
  void await(Duration max) throws InterruptedException {
    Duration wait = max.compareTo(idleWait()) < 0 ? max : idleWait();
    if (watcher == null) {
      Thread.sleep(wait.toMillis());
      return;
    }
    try {
      if (registerMissing()) {
        return; // a directory was made again: a file may have landed before it was watched
      }
      WatchKey key = watcher.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      while (key != null) { // take every pending notice: one look at the spool serves them all
        key.pollEvents();
        key.reset();
        key = watcher.poll();
      }
    } catch (ClosedWatchServiceException e) {
      throw new InterruptedException("the spool watch is closed");
    }
  }

  /** Watches each directory not watched yet (new, or deleted and made again since); returns whether one was. */
  private boolean registerMissing() {
    boolean registered = false;
    for (Path dir : dirs) {
      WatchKey key = keys.get(dir);
      if (key != null && key.isValid()) {
        continue;
      }
      try {
        PrivateFiles.createDirectories(dir);
        // files are written aside and renamed into place: their arrival is a creation
        registered |= keys.put(dir, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE)) != null;
      } catch (IOException e) {
        LOG.warn("Expected to watch {}, but {}; it is looked at every {} s", dir, e.getMessage(), SAFETY.toSeconds());
      }
    }
    return registered;
  }

  @Override
  public void close() throws IOException {
    if (watcher != null) {
      watcher.close();
    }
  }
}
