package dev.agentmemory.storage;

import dev.agentmemory.domain.AgentTally;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.Entry;
import dev.agentmemory.storage.rocksdb.EventCodecs;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The append-only event log. Events are ordered by source timestamp then id; each new event is
 * committed together with its id-index row and its outbox entry, so after a crash either all three
 * exist or none. Nothing here updates or deletes an event.
 */
public final class EventStore {
  private final RocksStorage storage;
  private final Table<EventKey, Event> events;
  private final Table<String, EventKey> ids;
  private final OutboxStore outbox;
  private final CheckpointStore checkpoints;
  // Guarded by appendLock; persisted with every append, so stats never need a full scan.
  private long count;
  private long redactions;
  // Guarded by appendLock: each agent's tally, persisted with every append like the count.
  private final Map<String, AgentTally> agents;
  // Serializes check-then-append, so concurrent duplicates of one id store exactly one event, and
  // outbox sequences are committed in order. A RocksDB write here takes microseconds.
  private final Object appendLock = new Object();

  EventStore(RocksStorage storage, OutboxStore outbox, CheckpointStore checkpoints) {
    this.storage = storage;
    this.events = storage.table(Cf.EVENTS, EventCodecs.EVENT_KEY, EventCodecs.EVENT);
    this.ids = storage.table(Cf.EVENT_IDS, EventCodecs.EVENT_ID, EventCodecs.EVENT_POSITION);
    this.outbox = outbox;
    this.checkpoints = checkpoints;
    this.count = checkpoints.get(Checkpoint.EVENTS_COUNT).orElse(0L);
    this.redactions = checkpoints.get(Checkpoint.REDACTIONS_COUNT).orElse(0L);
    this.agents = new TreeMap<>(checkpoints.get(Checkpoint.AGENTS_COUNTED).isPresent() || storage.isReadOnly()
        ? checkpoints.agents() : countAgents());
  }

  /** A store older than the per-agent tallies: counted from the log once (the newest event's time as its last). */
  private Map<String, AgentTally> countAgents() {
    Map<String, AgentTally> counted = new TreeMap<>();
    try (CloseableIterator<Entry<EventKey, Event>> it = events.scan(null, null)) {
      it.forEachRemaining(entry -> counted.merge(AgentTally.nameOf(entry.value().agent()),
          new AgentTally(1, entry.value().timestampMs()), AgentTally::add));
    }
    storage.write(batch -> {
      WriteTx tx = new WriteTx(batch);
      counted.forEach((name, tally) -> checkpoints.put(tx, Checkpoint.agent(name), tally));
      checkpoints.put(tx, Checkpoint.AGENTS_COUNTED, System.currentTimeMillis());
    });
    return counted;
  }

  /** Stored events per agent (exact), by agent name. */
  public Map<String, AgentTally> agents() {
    synchronized (appendLock) {
      return Map.copyOf(agents);
    }
  }

  /** Number of secrets redacted from the stored events (a duplicate that was not stored counts none). */
  public long redactions() {
    synchronized (appendLock) {
      return redactions;
    }
  }

  /** Number of stored events (exact). */
  public long count() {
    synchronized (appendLock) {
      return count;
    }
  }

  /**
   * Stores {@code event} unless an event with its id is already stored (whatever its payload), in
   * which case nothing is written and the result says {@code created=false}.
   */
  public IngestResult append(Event event) {
    return append(event, 0);
  }

  /**
   * Like {@link #append(Event)}, for an event from which ingest redacted {@code redacted} secrets:
   * the count is committed with the event, so it counts stored events only, exactly once.
   */
  public IngestResult append(Event event, int redacted) {
    synchronized (appendLock) {
      if (ids.get(event.eventId()).isPresent()) {
        return new IngestResult(event.eventId(), false);
      }
      EventKey key = EventKey.of(event);
      long sequence = outbox.nextSequence();
      String agent = AgentTally.nameOf(event.agent());
      AgentTally tally = agents.getOrDefault(agent, new AgentTally(0, 0)).plus(System.currentTimeMillis());
      storage.write(batch -> {
        WriteTx tx = new WriteTx(batch);
        events.upsert(batch, key, event);
        ids.upsert(batch, event.eventId(), key);
        checkpoints.put(tx, Checkpoint.EVENTS_COUNT, count + 1);
        checkpoints.put(tx, Checkpoint.agent(agent), tally);
        if (redacted > 0) {
          checkpoints.put(tx, Checkpoint.REDACTIONS_COUNT, redactions + redacted);
        }
        outbox.enqueue(tx, sequence, key);
      });
      outbox.committed(sequence);
      count++;
      agents.put(agent, tally);
      redactions += redacted;
      return new IngestResult(event.eventId(), true);
    }
  }

  /**
   * Removes {@code doomed} (stored events) from the log, the id index and the outbox, and writes
   * what {@code alsoRemove} adds, all in one atomic write: the explicit exception to append-only
   * ({@code admin forget}). Returns how many were removed.
   */
  public int forget(Collection<Event> doomed, Consumer<WriteTx> alsoRemove) {
    synchronized (appendLock) {
      Set<EventKey> keys = new HashSet<>();
      Map<String, Long> removedPerAgent = new HashMap<>();
      for (Event event : doomed) {
        Optional<EventKey> key = ids.get(event.eventId());
        if (key.isPresent() && keys.add(key.get())) {
          removedPerAgent.merge(AgentTally.nameOf(event.agent()), 1L, Long::sum);
        }
      }
      Map<String, AgentTally> after = new HashMap<>();
      removedPerAgent.forEach((agent, removed) ->
          after.put(agent, agents.getOrDefault(agent, new AgentTally(0, 0)).minus(removed)));
      storage.write(batch -> {
        WriteTx tx = new WriteTx(batch);
        for (EventKey key : keys) {
          events.deleteIfExists(batch, key);
          ids.deleteIfExists(batch, key.eventId());
        }
        outbox.forget(tx, keys);
        checkpoints.put(tx, Checkpoint.EVENTS_COUNT, count - keys.size());
        after.forEach((agent, tally) -> checkpoints.put(tx, Checkpoint.agent(agent), tally));
        alsoRemove.accept(tx);
      });
      count -= keys.size();
      agents.putAll(after);
      return keys.size();
    }
  }

  /**
   * Checks the log against its id index and its counter: every event is indexed under its own id
   * at its own position, every index row points at a stored event, the count is exact. Reports
   * each problem (at most a few of each kind); returns the events counted.
   */
  long verify(Consumer<String> problem) {
    long counted = 0;
    int reported = 0;
    try (CloseableIterator<Entry<EventKey, Event>> it = events.scan(null, null)) {
      while (it.hasNext()) {
        Entry<EventKey, Event> entry = it.next();
        counted++;
        Optional<EventKey> indexed = ids.get(entry.value().eventId());
        if (!indexed.equals(Optional.of(entry.key())) && reported++ < MAX_REPORTED) {
          problem.accept("event " + entry.value().eventId() + " is " + (indexed.isEmpty() ? "missing from" : "misplaced in")
              + " the id index");
        }
      }
    }
    long indexedIds = 0;
    reported = 0;
    try (CloseableIterator<Entry<String, EventKey>> it = ids.scan(null, null)) {
      while (it.hasNext()) {
        Entry<String, EventKey> entry = it.next();
        indexedIds++;
        if (events.get(entry.value()).isEmpty() && reported++ < MAX_REPORTED) {
          problem.accept("the id index names event " + entry.key() + ", which is not stored");
        }
      }
    }
    if (indexedIds != counted) {
      problem.accept("the id index holds " + indexedIds + " ids for " + counted + " events");
    }
    if (count() != counted) {
      problem.accept("the event counter says " + count() + ", the log holds " + counted);
    }
    return counted;
  }

  /** How many problems of one kind a verification lists before it stops counting them out. */
  static final int MAX_REPORTED = 5;

  /** The event with this canonical id, if stored. */
  public Optional<Event> get(String eventId) {
    return ids.get(eventId).flatMap(events::get);
  }

  /** The event at this log position, if stored. */
  public Optional<Event> get(EventKey key) {
    return events.get(key);
  }

  /** Events with source timestamps in {@code [fromMs, toMs]}, oldest first. Close the iterator. */
  public CloseableIterator<Event> scan(long fromMs, long toMs) {
    return scan(EventCodecs.rangeStart(fromMs), toMs);
  }

  /**
   * Events from log position {@code from} (inclusive) with source timestamps up to {@code toMs},
   * in log order: how a long read resumes where its last page ended. Close the iterator.
   */
  public CloseableIterator<Event> scan(EventKey from, long toMs) {
    EventKey to =
        toMs == Long.MAX_VALUE ? null : EventCodecs.rangeStart(Math.max(from.timestampMs(), toMs + 1));
    CloseableIterator<Entry<EventKey, Event>> entries = events.scan(from, to);
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Event next() {
        return entries.next().value();
      }

      @Override
      public void close() {
        entries.close();
      }
    };
  }
}
