package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.Entry;
import dev.agentmemory.storage.rocksdb.EventCodecs;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import dev.agentmemory.storage.rocksdb.TocIndexCodecs.DaySegmentKey;
import dev.agentmemory.storage.rocksdb.TocIndexCodecs.SegmentKey;
import dev.agentmemory.storage.rocksdb.TocIndexCodecs.SessionKey;
import dev.agentmemory.storage.rocksdb.TocIndexCodecs.SessionValue;
import dev.agentmemory.storage.rocksdb.TocIndexCodecs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The TOC builder's working indexes (all rebuildable from the event log): events by session,
 * segment states by session and day, segments by day, and counters. (Stores written before
 * summaries stopped depending on the store hold term counts under prefix 't'; nothing reads them.)
 */
public final class TocIndexStore {
  private static final String MIN_ID = EventCodecs.MIN_EVENT_ID;
  /** Counter of the nodes linked into navigation. */
  public static final String NODE_COUNTER = "nodes";

  private final Table<SessionKey, SessionValue> sessions;
  private final Table<SegmentKey, SegmentState> segments;
  private final Table<DaySegmentKey, String> daySegments;
  private final Table<String, Long> counters;
  private final Table<String, Long> rollups;

  TocIndexStore(RocksStorage storage) {
    sessions = storage.table(Cf.TOC_INDEX, TocIndexCodecs.SESSION_KEY, TocIndexCodecs.SESSION_VALUE);
    segments = storage.table(Cf.TOC_INDEX, TocIndexCodecs.SEGMENT_KEY, TocIndexCodecs.SEGMENT_STATE);
    daySegments = storage.table(Cf.TOC_INDEX, TocIndexCodecs.DAY_SEGMENT_KEY, TocIndexCodecs.STRING);
    counters = storage.table(Cf.TOC_INDEX, TocIndexCodecs.COUNTER_KEY, TocIndexCodecs.COUNT);
    rollups = storage.table(Cf.TOC_INDEX, TocIndexCodecs.ROLLUP_KEY, TocIndexCodecs.COUNT);
  }

  /** Deletes every index entry (a full rebuild starts from nothing). */
  public void clear(WriteTx tx) {
    sessions.deleteWholeFamily(tx.batch());
  }

  // --- events by session ---------------------------------------------------------------------

  public boolean contains(String sessionId, EventKey event) {
    return sessions.get(sessionKey(sessionId, event)).isPresent();
  }

  /** Indexed events of a session with timestamps in {@code [fromMs, toMs]}, in session order. */
  public List<SessionEntry> session(String sessionId, long fromMs, long toMs) {
    List<SessionEntry> result = new ArrayList<>();
    SessionKey from = new SessionKey(sessionId, Math.max(0, fromMs), MIN_ID);
    SessionKey to = new SessionKey(sessionId, Math.min(Long.MAX_VALUE - 1, toMs) + 1, MIN_ID);
    try (CloseableIterator<Entry<SessionKey, SessionValue>> it = sessions.scan(from, to)) {
      it.forEachRemaining(entry -> result.add(toEntry(entry)));
    }
    return result;
  }

  /** Up to {@code count} events of a session right before {@code event}, in session order. */
  public List<SessionEntry> sessionBefore(String sessionId, EventKey event, int count) {
    List<SessionEntry> result = new ArrayList<>();
    SessionKey from = new SessionKey(sessionId, 0, MIN_ID);
    try (CloseableIterator<Entry<SessionKey, SessionValue>> it = sessions.scanBackward(from, sessionKey(sessionId, event))) {
      while (result.size() < count && it.hasNext()) {
        result.add(toEntry(it.next()));
      }
    }
    Collections.reverse(result);
    return result;
  }

  /** Up to {@code count} events of a session right after {@code event}, in session order. */
  public List<SessionEntry> sessionAfter(String sessionId, EventKey event, int count) {
    List<SessionEntry> result = new ArrayList<>();
    SessionKey from = new SessionKey(sessionId, event.timestampMs(), event.eventId());
    SessionKey to = new SessionKey(sessionId, Long.MAX_VALUE, MIN_ID);
    try (CloseableIterator<Entry<SessionKey, SessionValue>> it = sessions.scan(from, to)) {
      while (result.size() < count && it.hasNext()) {
        SessionEntry entry = toEntry(it.next());
        if (!entry.eventKey().equals(event)) {
          result.add(entry);
        }
      }
    }
    return result;
  }

  public void put(WriteTx tx, SessionEntry entry) {
    sessions.upsert(tx.batch(), sessionKey(entry.sessionId(), entry.eventKey()), new SessionValue(entry.tokens(), entry.type()));
  }

  public void delete(WriteTx tx, SessionEntry entry) {
    sessions.deleteIfExists(tx.batch(), sessionKey(entry.sessionId(), entry.eventKey()));
  }

  // --- segments ------------------------------------------------------------------------------

  /** Segment states of a session on a day, in start order. */
  public List<SegmentState> segments(String sessionId, long epochDay) {
    List<SegmentState> result = new ArrayList<>();
    try (CloseableIterator<Entry<SegmentKey, SegmentState>> it = segments.scan(
        new SegmentKey(sessionId, epochDay, 0, MIN_ID), new SegmentKey(sessionId, epochDay + 1, 0, MIN_ID))) {
      it.forEachRemaining(entry -> result.add(entry.value()));
    }
    return result;
  }

  public void put(WriteTx tx, SegmentState state) {
    segments.upsert(tx.batch(), segmentKey(state), state);
    daySegments.upsert(tx.batch(), daySegmentKey(state), state.nodeId());
  }

  public void delete(WriteTx tx, SegmentState state) {
    segments.deleteIfExists(tx.batch(), segmentKey(state));
    daySegments.deleteIfExists(tx.batch(), daySegmentKey(state));
  }

  /** Every segment of a day (all sessions) as (first event, node id), in start order. */
  public SortedMap<EventKey, String> daySegments(long epochDay) {
    SortedMap<EventKey, String> result = new TreeMap<>();
    try (CloseableIterator<Entry<DaySegmentKey, String>> it = daySegments.scan(
        new DaySegmentKey(epochDay, 0, MIN_ID), new DaySegmentKey(epochDay + 1, 0, MIN_ID))) {
      it.forEachRemaining(entry ->
          result.put(new EventKey(entry.key().timestampMs(), entry.key().eventId()), entry.value()));
    }
    return result;
  }

  public long counter(String name) {
    return counters.get(name).orElse(0L);
  }

  public void putCounter(WriteTx tx, String name, long value) {
    counters.upsert(tx.batch(), name, value);
  }

  // --- rollups ------------------------------------------------------------------------------

  /** The node version a rollup wrote last, 0 when never rolled up. */
  public long rolledUpVersion(String nodeId) {
    return rollups.get(nodeId).orElse(0L);
  }

  /** Forgets that {@code nodeId} was rolled up (the node was deleted; its next version is rolled up anew). */
  public void deleteRolledUp(WriteTx tx, String nodeId) {
    rollups.deleteIfExists(tx.batch(), nodeId);
  }

  public void putRolledUpVersion(WriteTx tx, String nodeId, long version) {
    rollups.upsert(tx.batch(), nodeId, version);
  }

  /** Forgets every rollup of nodes whose id starts with {@code idPrefix} (they roll up again). */
  public void clearRollups(WriteTx tx, String idPrefix) {
    rollups.deleteRange(tx.batch(), idPrefix, idPrefix + Character.MAX_VALUE);
  }

  private static SessionKey sessionKey(String sessionId, EventKey event) {
    return new SessionKey(sessionId, event.timestampMs(), event.eventId());
  }

  private static SegmentKey segmentKey(SegmentState state) {
    return new SegmentKey(state.sessionId(), state.epochDay(), state.first().timestampMs(), state.first().eventId());
  }

  private static DaySegmentKey daySegmentKey(SegmentState state) {
    return new DaySegmentKey(state.epochDay(), state.first().timestampMs(), state.first().eventId());
  }

  private static SessionEntry toEntry(Entry<SessionKey, SessionValue> entry) {
    SessionKey key = entry.key();
    return new SessionEntry(key.sessionId(), key.timestampMs(), key.eventId(), entry.value().tokens(), entry.value().type());
  }

  /** Exposed for callers that need it in a session lookup. */
  public Optional<SessionEntry> entry(String sessionId, EventKey event) {
    return sessions.get(sessionKey(sessionId, event))
        .map(value -> new SessionEntry(sessionId, event.timestampMs(), event.eventId(), value.tokens(), value.type()));
  }
}
