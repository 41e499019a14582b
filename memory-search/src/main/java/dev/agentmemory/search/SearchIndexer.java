package dev.agentmemory.search;

import dev.agentmemory.event.Event;
import dev.agentmemory.storage.Backoff;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.OutboxEntry;
import dev.agentmemory.storage.SegmentState;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.StorageFullException;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one store's search index up to date: the second consumer of its outbox, taking in the
 * events the TOC builder has taken in (so the turn before each and its segment are known), with
 * the segment and day nodes and grips around them. What it indexes is searchable at once; it is
 * committed with the outbox position every few seconds and when the work runs out (a commit
 * forces files to disk, which capture should not wait behind), then the outbox is acknowledged,
 * so a crash at any moment neither loses nor duplicates a document (what was not committed is
 * indexed again, replacing itself by key). An
 * index that is new (first start with search, or rebuilt after damage) is built from the whole
 * event log first.
 */
final class SearchIndexer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
  private static final int BATCH = 500;
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  // The outbox's signal is in-process and reliable; this only bounds the cost of a bug.
  private static final Duration SAFETY = Duration.ofMinutes(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);

  private final MemoryStore store;
  private final SearchIndex index;
  private final Units units;
  private final ZoneId zone;
  private final Embeddings embeddings;
  private final Thread thread;
  private final Object work = new Object();
  private volatile boolean running = true;
  // The outbox position indexed and searchable, committed or not (-1: what the index committed).
  private volatile long indexedUpTo = -1;
  private long lastCommitNanos = System.nanoTime();

  SearchIndexer(MemoryStore store, SearchIndex index, ZoneId zone, Embeddings embeddings) {
    this.store = store;
    this.index = index;
    this.units = new Units(zone);
    this.zone = zone;
    this.embeddings = embeddings;
    this.thread = new Thread(this::run, "memory-search-indexer-" + store.path().getFileName());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Drops the index and builds it again from the whole event log (what {@code admin
   * rebuild-index} does); {@code progress} hears the number of events done. With {@code
   * keepVectors}, units whose text is unchanged keep the vector they had; the others wait for the
   * vector worker. Stopped midway (the daemon stops, or is killed), the index stays at position -1
   * and is rebuilt from the start at the next start.
   */
  long rebuild(boolean keepVectors, LongConsumer progress) {
    synchronized (work) {
      long from = store.outbox().lastAcknowledged();
      indexedUpTo = -1;
      // registered first: from now on the outbox keeps what comes after `from` for the index
      store.outbox().acknowledgeSearchUpTo(from);
      long done = 0;
      try (SearchIndex.Snapshot earlier = keepVectors ? index.snapshot() : SearchIndex.Snapshot.NONE) {
        index.clear();
        List<Event> batch = new ArrayList<>(BATCH);
        try (CloseableIterator<Event> events = store.events().scan(0, Long.MAX_VALUE)) {
          while (events.hasNext() && running) {
            batch.add(events.next());
            if (batch.size() == BATCH || !events.hasNext()) {
              index(batch, earlier);
              done += batch.size();
              batch.clear();
              index.refresh();
              unitsVisible();
              progress.accept(done);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Expected to release the index snapshot, but " + e.getMessage(), e);
      }
      if (!running) {
        return done;
      }
      index.builtWithVectors(embeddings.expected());
      index.commit(from);
      indexedUpTo = from;
      store.outbox().acknowledgeSearchUpTo(from);
      return done;
    }
  }

  /**
   * Takes forgotten events out of the index without rebuilding it: their documents; each segment or
   * day node the forget deleted, written again as the TOC now has it (or removed, with its grips,
   * when it is gone); the events of the same sessions from {@code fromMs} on indexed again (an
   * event's context is the turn before it, which may be a forgotten one); then the files that held
   * deleted documents rewritten, so that the forgotten text leaves the disk.
   */
  void forget(Collection<String> eventIds, Collection<String> deletedNodeIds, Set<String> sessions, long fromMs) {
    synchronized (work) {
      eventIds.forEach(index::delete);
      // rollups above the day are not indexed
      List<String> indexed = deletedNodeIds.stream()
          .filter(id -> id.startsWith(TocLevel.SEGMENT.idPrefix()) || id.startsWith(TocLevel.DAY.idPrefix())).toList();
      List<TocNode> remaining = store.nodes(indexed);
      Set<String> kept = remaining.stream().map(TocNode::nodeId).collect(Collectors.toSet());
      for (String gone : indexed.stream().filter(id -> !kept.contains(id)).toList()) {
        index.delete(gone);
        index.keepOnlyGripsOf(gone, Set.of());
      }
      putNodes(remaining, SearchIndex.Snapshot.NONE);
      List<Event> batch = new ArrayList<>(BATCH);
      try (CloseableIterator<Event> events = store.events().scan(fromMs, Long.MAX_VALUE)) {
        while (events.hasNext()) {
          Event event = events.next();
          if (sessions.contains(event.sessionId())) {
            batch.add(event);
          }
          if (batch.size() == BATCH || (!events.hasNext() && !batch.isEmpty())) {
            index(batch, SearchIndex.Snapshot.NONE);
            batch.clear();
          }
        }
      }
      index.expungeDeletes();
      unitsVisible();
    }
  }

  /** How many outbox entries the TOC has taken in that the index has not. */
  long behind() {
    return Math.max(0, store.outbox().lastAcknowledged() - Math.max(0, indexed()));
  }

  private void run() {
    BackgroundPriority.lowerCurrentThread();
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_BACKOFF);
    while (running) {
      try {
        if (index.position() < 0 || store.outbox().searchAcknowledged().isEmpty()) {
          long events = rebuild(false, done -> { });
          LOG.info("Built the search index of {} from {} events", store.path(), events);
        } else if (index.builtWithVectors().map(built -> built != embeddings.expected()).orElse(false)) {
          LOG.info("Rebuilding the search index of {}: search.vectors is now {}", store.path(),
              embeddings.expected());
          rebuild(true, done -> { });
        }
        if (step() == 0) {
          commitIndexed();
          store.outbox().tocAdvanced().await(SAFETY);
        }
        backoff.succeeded();
      } catch (InterruptedException e) {
        break;
      } catch (StorageFullException e) {
        pause(backoff.failed());
      } catch (RuntimeException e) {
        if (running) {
          Duration wait = backoff.failed();
          LOG.error("Expected to index new events for search, but it failed; retrying in {}", wait, e);
          reopenIfBroken();
          pause(wait);
        }
      }
    }
    try {
      commitIndexed();
    } catch (RuntimeException e) {
      LOG.warn("Expected to commit the search index at stop, but {}; what it lacks is indexed again at the next start",
          e.toString());
    }
  }

  /** Opens the index's writer again if a failure closed it (a full disk, say); the next try redoes the work. */
  private void reopenIfBroken() {
    try {
      if (index.reopenIfBroken()) {
        indexedUpTo = -1; // what was indexed but not committed is gone with the broken writer: redo it
      }
    } catch (RuntimeException e) {
      LOG.error("Expected to open the search index again, but it failed", e);
    }
  }

  /** The outbox position indexed, committed or not. */
  private long indexed() {
    return Math.max(index.position(), indexedUpTo);
  }

  /**
   * Indexes the next batch the TOC has taken in and makes it searchable; commits when the last
   * commit is a few seconds old. Returns how many events.
   */
  int step() {
    synchronized (work) {
      long after = Math.max(0, indexed());
      List<OutboxEntry> entries = store.outbox().peek(after, store.outbox().lastAcknowledged(), BATCH);
      if (entries.isEmpty()) {
        return 0;
      }
      List<Event> events = new ArrayList<>(entries.size());
      for (OutboxEntry entry : entries) {
        store.events().get(entry.eventKey()).ifPresent(events::add);
      }
      index(events, SearchIndex.Snapshot.NONE);
      index.refresh();
      indexedUpTo = entries.get(entries.size() - 1).sequence();
      unitsVisible();
      if (System.nanoTime() - lastCommitNanos > COMMIT_EVERY.toNanos()) {
        commitIndexed();
      }
      return events.size();
    }
  }

  /** Makes what is indexed durable, then lets the outbox drop it. */
  private void commitIndexed() {
    synchronized (work) {
      long upTo = indexed();
      if (upTo > index.position()) {
        index.commit(upTo);
        store.outbox().acknowledgeSearchUpTo(upTo);
      }
      lastCommitNanos = System.nanoTime();
    }
  }

  /**
   * Writes the units of {@code events} (each once: its context is the turn before it, which does
   * not change when later events arrive), and the segment and day nodes and the grips of the
   * segments they are in, those whose text changed.
   */
  private void index(List<Event> events, SearchIndex.Snapshot earlier) {
    Set<String> nodeIds = new LinkedHashSet<>();
    List<Unit> written = new ArrayList<>();
    for (Event event : events) {
      String segment = segmentOf(event).orElse("");
      index.delete(event.eventId());
      written.addAll(units.of(event, previous(event), segment));
      if (!segment.isEmpty()) {
        nodeIds.add(segment);
        nodeIds.add(TocLevel.DAY.idPrefix() + LocalDate.ofInstant(Instant.ofEpochMilli(event.timestampMs()), zone));
      }
    }
    index.put(written, embeddings.expected(), earlier);
    putNodes(store.nodes(new ArrayList<>(nodeIds)), earlier);
  }

  /**
   * Writes {@code nodes} and their grips as they now are, those that changed only (a node or grip
   * written again would lose its vector and be embedded again); grips a node no longer has leave
   * the index.
   */
  private void putNodes(List<TocNode> nodes, SearchIndex.Snapshot earlier) {
    List<Unit> summaries = new ArrayList<>();
    for (TocNode node : nodes) {
      summaries.add(units.of(node));
      List<Unit> grips = new ArrayList<>();
      for (TocBullet bullet : node.bullets()) {
        for (String gripId : bullet.gripIds()) {
          store.grip(gripId).ifPresent(grip -> grips.add(units.of(grip)));
        }
      }
      index.keepOnlyGripsOf(node.nodeId(), grips.stream().map(Unit::key).collect(Collectors.toSet()));
      summaries.addAll(grips);
    }
    index.put(index.changed(summaries), embeddings.expected(), earlier);
  }

  /** Wakes the vector worker once new units are visible to its searches (not before: it would find none). */
  private void unitsVisible() {
    if (embeddings.expected()) {
      embeddings.unitsWaiting().raise();
    }
  }

  /** The event just before {@code event} in its session. */
  private Optional<Event> previous(Event event) {
    List<SessionEntry> entries = store.sessionBefore(event.sessionId(), EventKey.of(event), 1);
    return entries.isEmpty() ? Optional.empty() : store.event(entries.get(0).eventKey());
  }

  /** The segment node {@code event} is in, once the TOC has placed it. */
  private Optional<String> segmentOf(Event event) {
    EventKey key = EventKey.of(event);
    long day = LocalDate.ofInstant(Instant.ofEpochMilli(event.timestampMs()), zone).toEpochDay();
    for (SegmentState segment : store.tocIndex().segments(event.sessionId(), day)) {
      if (segment.first().compareTo(key) <= 0 && segment.last().compareTo(key) >= 0) {
        return Optional.of(segment.nodeId());
      }
    }
    return Optional.empty();
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Stops after the current batch (work not committed is redone at the next start). No interrupt:
   * Lucene closes its files when a thread doing IO is interrupted.
   */
  @Override
  public void close() throws InterruptedException {
    running = false;
    store.outbox().tocAdvanced().raise();
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
