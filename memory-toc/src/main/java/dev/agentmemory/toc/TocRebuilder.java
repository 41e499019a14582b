package dev.agentmemory.toc;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.Checkpoint;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocIndexStore;
import dev.agentmemory.storage.TocStore;
import dev.agentmemory.storage.WriteTx;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Rebuilds the table of contents from the event log, from a day on or entirely, through the same
 * {@link TocBuilder#apply} steps as live building. A checkpoint marks a rebuild in progress, so a
 * daemon that died during one finishes it at its next start ({@link #resumeIfInterrupted}).
 */
public final class TocRebuilder {
  private static final int STEP = 5_000;

  private final MemoryStore store;
  private final TocBuilder builder;

  public TocRebuilder(MemoryStore store, TocBuilder builder) {
    this.store = store;
    this.builder = builder;
  }

  /** What a rebuild from {@code fromDate} (everything when empty) would process. */
  public Plan plan(Optional<LocalDate> fromDate) {
    long from = startMs(fromDate);
    long count = 0;
    long first = 0;
    long last = 0;
    try (CloseableIterator<Event> events = store.events().scan(from, Long.MAX_VALUE)) {
      while (events.hasNext()) {
        Event event = events.next();
        if (count == 0) {
          first = event.timestampMs();
        }
        last = event.timestampMs();
        count++;
      }
    }
    return new Plan(fromDate, count, first, last);
  }

  /** Rebuilds; {@code progress} hears after every step. */
  public Plan rebuild(Optional<LocalDate> fromDate, Consumer<Progress> progress) {
    return builder.exclusively(() -> {
      Plan plan = plan(fromDate);
      long from = startMs(fromDate);
      store.checkpoints().put(Checkpoint.TOC_REBUILD_FROM, from);
      if (fromDate.isEmpty()) {
        clearEverything();
      } else {
        clearFrom(from);
      }
      progress.accept(new Progress(plan, 0));
      long done = 0;
      List<Event> step = new ArrayList<>(STEP);
      try (CloseableIterator<Event> events = store.events().scan(from, Long.MAX_VALUE)) {
        while (events.hasNext()) {
          step.add(events.next());
          if (step.size() == STEP || !events.hasNext()) {
            builder.apply(step, OptionalLong.empty());
            done += step.size();
            step.clear();
            progress.accept(new Progress(plan, done));
          }
        }
      }
      store.checkpoints().delete(Checkpoint.TOC_REBUILD_FROM);
      return plan;
    });
  }

  /**
   * Removes {@code doomed} from the log and, with them, everything derived from the days they fall
   * on and later (every version of the nodes covering those days, their grips and rollup marks),
   * in the same atomic write; then rebuilds the TOC from the first of those days. The rebuild
   * checkpoint is set first, so a crash at any point ends in the same TOC at the next start.
   * Returns the nodes deleted (the search index must drop them too).
   *
   * @param alsoWrite more to write in the same atomic write (the audit entry)
   */
  public List<String> forget(Collection<Event> doomed, Consumer<WriteTx> alsoWrite,
      Consumer<Progress> progress) {
    return builder.exclusively(() -> {
      LocalDate fromDate = LocalDate.ofEpochDay(
          doomed.stream().mapToLong(event -> builder.epochDay(event.timestampMs())).min().orElseThrow());
      long from = startMs(Optional.of(fromDate));
      store.checkpoints().put(Checkpoint.TOC_REBUILD_FROM, from);
      clearFrom(from);
      List<String> purged = new ArrayList<>();
      store.events().forget(doomed, tx -> {
        TocStore.Purged deleted = store.toc().purgeFrom(tx, from);
        deleted.nodeIds().forEach(id -> store.tocIndex().deleteRolledUp(tx, id));
        store.tocIndex().putCounter(tx, TocIndexStore.NODE_COUNTER,
            Math.max(0, store.tocIndex().counter(TocIndexStore.NODE_COUNTER) - deleted.linkedNodes()));
        store.checkpoints().put(tx, Checkpoint.GRIPS_COUNT,
            Math.max(0, store.checkpoints().get(Checkpoint.GRIPS_COUNT).orElse(0L) - deleted.grips()));
        purged.addAll(deleted.nodeIds());
        alsoWrite.accept(tx);
      });
      rebuild(Optional.of(fromDate), progress);
      return purged;
    });
  }

  /** Finishes a rebuild a crash interrupted; returns whether there was one. */
  public boolean resumeIfInterrupted(Consumer<Progress> progress) {
    Optional<Long> from = store.checkpoints().get(Checkpoint.TOC_REBUILD_FROM);
    if (from.isEmpty()) {
      return false;
    }
    Optional<LocalDate> date = from.get() <= 0
        ? Optional.empty()
        : Optional.of(LocalDate.ofEpochDay(builder.epochDay(from.get())));
    rebuild(date, progress);
    return true;
  }

  private void clearEverything() {
    List<String> linked = store.toc().linkedIds();
    store.write(tx -> {
      store.tocIndex().clear(tx);
      linked.forEach(id -> store.toc().unlink(tx, id));
    });
  }

  /** Removes what the TOC holds for events from {@code fromMs} on, a step at a time. */
  private void clearFrom(long fromMs) {
    List<Event> step = new ArrayList<>(STEP);
    try (CloseableIterator<Event> events = store.events().scan(fromMs, Long.MAX_VALUE)) {
      while (events.hasNext()) {
        step.add(events.next());
        if (step.size() == STEP || !events.hasNext()) {
          removeStep(step);
          step.clear();
        }
      }
    }
  }

  private void removeStep(List<Event> events) {
    TocChanges changes = new TocChanges(store);
    Set<SessionDay> sessionDays = new TreeSet<>();
    for (Event event : events) {
      Optional<SessionEntry> entry = store.tocIndex().entry(event.sessionId(), EventKey.of(event));
      if (entry.isPresent()) {
        changes.removeEntry(entry.get());
        sessionDays.add(new SessionDay(event.sessionId(), builder.epochDay(event.timestampMs())));
      }
    }
    Set<LocalDate> days = new HashSet<>();
    for (SessionDay sessionDay : sessionDays) {
      store.tocIndex().segments(sessionDay.sessionId(), sessionDay.epochDay()).forEach(state -> {
        changes.deleteSegment(state);
        changes.unlink(state.nodeId());
      });
      days.add(LocalDate.ofEpochDay(sessionDay.epochDay()));
    }
    new ParentNodes(changes, builder.config().zone()).refresh(new TreeSet<>(days));
    store.write(changes::writeTo);
  }

  /** The day a rebuild starts from: empty text means everything; otherwise YYYY-MM-DD. */
  public static Optional<LocalDate> parseFromDate(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.trim()));
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException(
          "from_date must be a date as YYYY-MM-DD, got '" + text + "'");
    }
  }

  private long startMs(Optional<LocalDate> fromDate) {
    return fromDate.map(d -> d.atStartOfDay(builder.config().zone()).toInstant().toEpochMilli()).orElse(0L);
  }

  /** What a rebuild covers: how many events, from when to when (0 when none). */
  public record Plan(Optional<LocalDate> fromDate, long events, long firstTimestampMs, long lastTimestampMs) {}

  /** Events processed so far, out of {@code plan.events()}. */
  public record Progress(Plan plan, long done) {}
}
