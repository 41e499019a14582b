package dev.agentmemory.daemon;

import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.NamedThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the disks of the stores: says once, in the log and in health, when new events are
 * refused for lack of space and when they are taken again, and warns once when space runs low.
 * Writes themselves check the reserve, so taking events again needs nothing from here. It looks
 * when a store's writes start or stop being refused, every 2 s while they are (to say soon that
 * space is back), and otherwise once a minute (an idle daemon does not wake for it).
 */
final class DiskWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiskWatch.class);
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Duration PERIOD_WHILE_FULL = Duration.ofSeconds(2);

  private final Supplier<List<MemoryStore>> stores;
  private final Consumer<Boolean> writable;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(new NamedThreads("memory-disk-watch", true));
  private boolean refusing;
  private ScheduledFuture<?> next;
  private List<String> lastWarnings = List.of();

  /** @param writable hears whether every store takes new events (health) */
  DiskWatch(Supplier<List<MemoryStore>> stores, Consumer<Boolean> writable) {
    this.stores = stores;
    this.writable = writable;
  }

  void start() {
    checkSoon();
  }

  /** Looks now, then schedules the next look (one pending at a time, on the timer's one thread). */
  private void check() {
    if (next != null) {
      next.cancel(false);
    }
    look();
    try {
      next = timer.schedule(this::check, (refusing ? PERIOD_WHILE_FULL : PERIOD).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void look() {
    try {
      List<MemoryStore> all = stores.get();
      all.forEach(store -> store.onRefusalChange(this::checkSoon)); // stores opened since the last look too
      boolean refusingNow = all.stream().anyMatch(store -> store.refusesWrites());
      List<String> warnings = all.stream().flatMap(store -> store.diskWarnings().stream()).toList();
      if (refusingNow != refusing) {
        writable.accept(!refusingNow);
        if (refusingNow) {
          warnings.forEach(warning -> LOG.warn("{}", warning));
        } else {
          LOG.info("Disk space is available again: taking new events");
        }
        refusing = refusingNow;
      } else if (!warnings.isEmpty() && !warnings.equals(lastWarnings) && !refusingNow) {
        warnings.forEach(warning -> LOG.warn("{}", warning));
      }
      lastWarnings = warnings;
    } catch (RuntimeException e) {
      LOG.warn("Expected to check the free disk space, but {}", e.toString());
    }
  }

  private void checkSoon() {
    try {
      timer.execute(this::check);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
