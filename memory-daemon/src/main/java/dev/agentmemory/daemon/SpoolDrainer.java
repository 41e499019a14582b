package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.files.PrivateFiles;
import dev.agentmemory.hook.HookEvents;
import dev.agentmemory.hook.Spool;
import dev.agentmemory.storage.StorageFullException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in the events hooks wrote to the spool: at start-up and then whenever a file lands in it
 * ({@link SpoolWatch}; it sleeps otherwise). Each
 * file is ingested like any event (validated, redacted, idempotent by id) and deleted only after
 * it is stored, so a crash at any point loses nothing and stores nothing twice. A text above the
 * size limit is cut, not refused (an older hook did not cut); a file that can never be stored
 * (malformed) moves to {@code spool/rejected/}, redacted. Requests to forget a private session
 * are carried out first, and no file is taken in while a forget runs.
 */
public final class SpoolDrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolDrainer.class);
  // Files kept because the disk is full are tried again this often (writes are refused until then).
  private static final Duration DISK_FULL_RETRY = Duration.ofSeconds(2);

  private final Spool spool;
  private final Consumer<Event> store;
  private final ForgetService forgetting;
  private final IngestPolicy policy;
  private final SpoolWatch watch;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean waitingForDisk;

  /**
   * @param store validates and stores an event where it belongs (throws on invalid input)
   * @param policy the size limit texts are cut to, and the redaction of rejected files
   * @param watchFiles whether a file watcher wakes it (else it looks every second)
   */
  public SpoolDrainer(Spool spool, Consumer<Event> store, ForgetService forgetting, IngestPolicy policy,
      boolean watchFiles) {
    this.spool = spool;
    this.watch = SpoolWatch.open(List.of(spool.dir(), spool.forgetDir()), watchFiles);
    this.store = store;
    this.forgetting = forgetting;
    this.policy = policy;
    this.thread = new Thread(this::run, "memory-spool");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Ingests every spooled event now; returns how many files it took in. */
  public int drain() {
    forgetting.forgetRequestedSessions();
    waitingForDisk = false;
    int taken = 0;
    try {
      for (Path file : spool.pending()) {
        if (!running && taken > 0) {
          break;
        }
        if (take(file)) {
          taken++;
        }
      }
    } catch (IOException e) {
      LOG.warn("Expected to list the spool {}, but {}", spool.dir(), e.getMessage());
    } catch (StorageFullException e) {
      // the file, and the rest, stay in the spool for a later round; the disk watch reports the disk
      LOG.debug("Spooled events wait for disk space: {}", e.getMessage());
      waitingForDisk = true;
    }
    return taken;
  }

  private boolean take(Path file) {
    forgetting.intake().lock();
    try {
      return takeNow(file);
    } finally {
      forgetting.intake().unlock();
    }
  }

  private boolean takeNow(Path file) {
    Event spooled;
    try {
      spooled = HookEvents.cutToBytes(Spool.read(file), policy.maxTextBytes());
    } catch (NoSuchFileException e) {
      return false; // forgotten meanwhile
    } catch (IOException e) {
      reject(file, e.getMessage());
      return false;
    }
    try {
      store.accept(spooled);
    } catch (InvalidArgumentException e) {
      reject(file, e.getMessage());
      return false;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Stored spooled event {} but could not delete it ({}); it will be seen again and skipped", file,
          e.getMessage());
    }
    return true;
  }

  /** Moves a file that cannot be stored aside, with whatever secret it holds redacted. */
  private void reject(Path file, String reason) {
    LOG.warn("Spooled event {} cannot be stored ({}); moved to spool/rejected/", file.getFileName(),
        policy.redactor().redact(String.valueOf(reason)).text());
    try {
      Path rejected = PrivateFiles.createDirectories(spool.rejectedDir());
      String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      PrivateFiles.writeAtomically(rejected.resolve(file.getFileName()),
          policy.redactor().redact(content).text().getBytes(StandardCharsets.UTF_8));
      Files.delete(file);
    } catch (IOException e) {
      LOG.warn("Expected to move {} aside, but {}", file, e.getMessage());
    }
  }

  private void run() {
    while (running) {
      try {
        drain();
      } catch (RuntimeException e) {
        LOG.error("Expected to take in spooled events, but it failed; retrying", e);
      }
      try {
        watch.await(waitingForDisk ? DISK_FULL_RETRY : watch.idleWait());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(Duration.ofSeconds(30).toMillis());
    try {
      watch.close();
    } catch (IOException e) {
      LOG.debug("Closing the spool watch: {}", e.getMessage());
    }
  }
}
