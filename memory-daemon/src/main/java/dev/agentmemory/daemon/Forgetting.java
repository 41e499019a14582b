package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.domain.NotFoundException;
import dev.agentmemory.event.Event;
import dev.agentmemory.search.StoreSearch;
import dev.agentmemory.storage.Checkpoint;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.EventIds;
import dev.agentmemory.storage.FileTrees;
import dev.agentmemory.storage.MemoryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code admin forget}: the explicit, audited exception to append-only. Removes the chosen events
 * and everything derived from them (the TOC of their days and later is rebuilt without them, the
 * search index loses their documents and the nodes that changed), records what was forgotten
 * (never the content), then flushes and compacts every family so the bytes leave the disk.
 */
public final class Forgetting {
  private static final Logger LOG = LoggerFactory.getLogger(Forgetting.class);

  /** What to forget: exactly one of a session, an event, everything before a time. */
  public record Selection(Optional<String> sessionId, Optional<String> eventId, Optional<Long> beforeMs) {
    public Selection {
      int chosen = (sessionId.isPresent() ? 1 : 0) + (eventId.isPresent() ? 1 : 0) + (beforeMs.isPresent() ? 1 : 0);
      if (chosen != 1) {
        throw new InvalidArgumentException("give exactly one of session_id, event_id and before_ms");
      }
      eventId = eventId.map(EventIds::canonical);
    }

    /** From wire fields: empty strings and a time of 0 mean "not this one". */
    public static Selection of(String sessionId, String eventId, long beforeMs) {
      return new Selection(Optional.of(sessionId.trim()).filter(id -> !id.isEmpty()),
          Optional.of(eventId.trim()).filter(id -> !id.isEmpty()), Optional.of(beforeMs).filter(ms -> ms > 0));
    }

    public String describe() {
      return sessionId.map(id -> "session " + id).or(() -> eventId.map(id -> "event " + id))
          .orElseGet(() -> "everything before " + Instant.ofEpochMilli(beforeMs.orElseThrow()));
    }
  }

  /**
   * What was (or, for a dry run, would be) forgotten.
   *
   * @param spooled events taken from the spool (waiting or rejected) besides the store's
   */
  public record Result(long events, long sessions, long firstMs, long lastMs, boolean dryRun, String audit, int spooled) {
    public Result(long events, long sessions, long firstMs, long lastMs, boolean dryRun, String audit) {
      this(events, sessions, firstMs, lastMs, dryRun, audit, 0);
    }

    public Result withSpooled(int count) {
      return new Result(events, sessions, firstMs, lastMs, dryRun, audit, count);
    }
  }

  private Forgetting() {}

  /** The audit entry of a whole project forgotten (its store deleted). */
  public static String projectAudit(Instant when, String project, long events) {
    return when + " forgot project " + project + ": its store of " + events + " events was deleted";
  }

  /**
   * @throws NotFoundException when nothing matches (nothing is changed)
   */
  public static Result forget(ProjectStore project, Selection what, boolean dryRun, Clock clock) {
    MemoryStore store = project.store();
    List<Event> doomed = select(store, what);
    if (doomed.isEmpty()) {
      throw new NotFoundException("Nothing matches " + what.describe() + " in "
          + (project.name().isEmpty() ? "the default store" : "project " + project.name()) + "; nothing was changed");
    }
    Set<String> sessions = new HashSet<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    for (Event event : doomed) {
      sessions.add(event.sessionId());
      first = Math.min(first, event.timestampMs());
      last = Math.max(last, event.timestampMs());
    }
    String audit = clock.instant() + " forgot " + what.describe() + ": " + doomed.size() + " events of "
        + sessions.size() + " sessions from " + Instant.ofEpochMilli(first) + " to " + Instant.ofEpochMilli(last);
    if (dryRun) {
      return new Result(doomed.size(), sessions.size(), first, last, true, audit);
    }
    // the audit entry, and the mark that the clean-up below is due, in the deletion's own write:
    // after a crash at any later point the audit is there and the next start finishes the rest
    long now = clock.millis();
    List<String> deletedNodes = project.rebuilder().forget(doomed, tx -> {
      store.checkpoints().put(tx, Checkpoint.audit(now), audit);
      store.checkpoints().put(tx, Checkpoint.FORGET_PENDING, audit);
    }, progress -> { });
    long from = first;
    cleanUp(project, search -> search.forget(doomed.stream().map(Event::eventId).toList(), deletedNodes, sessions, from));
    LOG.warn("Forgot in {}: {}", store.path(), audit);
    return new Result(doomed.size(), sessions.size(), first, last, false, audit);
  }

  /** Finishes the clean-up of a forget a crash interrupted; returns whether there was one. */
  public static boolean finishInterrupted(ProjectStore project) {
    Optional<String> pending = project.store().checkpoints().get(Checkpoint.FORGET_PENDING);
    if (pending.isEmpty()) {
      return false;
    }
    LOG.warn("Finishing a forget that was interrupted in {}: {}", project.store().path(), pending.get());
    // which events went is no longer known: the index is rebuilt from what remains
    cleanUp(project, search -> search.rebuild(true, done -> { }));
    return true;
  }

  /**
   * What a forget leaves to do after the deletion: the search index cleaned by {@code unindex}
   * (where no index is open, as for an offline command, dropped: the daemon builds it from the
   * remaining events at start), and the bytes off the disk (memtables to files, so old write-ahead
   * logs go, and every family rewritten without what was deleted).
   */
  private static void cleanUp(ProjectStore project, Consumer<StoreSearch> unindex) {
    MemoryStore store = project.store();
    project.search().ifPresentOrElse(unindex, () -> FileTrees.delete(StoreSearch.directoryOf(store)));
    store.flush();
    store.compact("");
    store.checkpoints().delete(Checkpoint.FORGET_PENDING);
  }

  private static List<Event> select(MemoryStore store, Selection what) {
    if (what.eventId().isPresent()) {
      return store.events().get(what.eventId().get()).map(List::of).orElse(List.of());
    }
    long to = what.beforeMs().map(before -> before - 1).orElse(Long.MAX_VALUE);
    Predicate<Event> matches = what.sessionId().map(id -> (Predicate<Event>) event -> event.sessionId().equals(id))
        .orElse(event -> true);
    List<Event> doomed = new ArrayList<>();
    try (CloseableIterator<Event> events = store.events().scan(0, to)) {
      while (events.hasNext()) {
        Event event = events.next();
        if (matches.test(event)) {
          // without its text: what forgetting needs is its id, session and time (bounded memory)
          doomed.add(new Event(event.eventId(), event.sessionId(), event.timestampMs(), event.type(), event.role(), "",
              Map.of(), event.agent()));
        }
      }
    }
    return doomed;
  }
}
