package dev.agentmemory.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets indexing and embedding yield the CPU to capture and queries: the calling thread gets the
 * scheduling priority of {@code nice 10}. When cores are free it runs as fast as before; when
 * ingest wants them (a burst on a 2-core laptop), it gets about a tenth of a core's share, and
 * catches up after. Threads it starts (Lucene's merges, the model's) inherit it. Java cannot set a
 * Linux thread's priority itself, so this runs {@code renice} on the thread's id once. Best
 * effort: elsewhere, or without {@code renice}, nothing changes.
 */
final class BackgroundPriority {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
  static final int NICE = 10;

  private BackgroundPriority() {}

  static void lowerCurrentThread() {
    Path self = Path.of("/proc/thread-self");
    if (!Files.exists(self)) {
      return; // not Linux
    }
    try {
      String threadId = Files.readSymbolicLink(self).getFileName().toString(); // "PID/task/TID"
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", threadId)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        renice.destroyForcibly();
        LOG.debug("renice of thread {} failed; it keeps the normal priority", threadId);
      }
    } catch (IOException e) {
      LOG.debug("No renice here ({}); background work keeps the normal priority", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
