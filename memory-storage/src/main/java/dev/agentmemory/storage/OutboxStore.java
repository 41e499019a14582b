package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.Entry;
import dev.agentmemory.storage.rocksdb.EventCodecs;
import dev.agentmemory.storage.rocksdb.OutboxCodecs;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * FIFO work queue announcing new events to their consumers: the TOC builder, then the search
 * index (which indexes events once the TOC has taken them in). Entries get increasing sequence
 * numbers in commit order (the event store appends under one lock); each consumer acknowledges a
 * prefix, recorded as its checkpoint, and an entry is deleted once every consumer has it, so
 * sequences never restart lower and no consumer loses work.
 */
public final class OutboxStore {
  private final RocksStorage storage;
  private final Table<Long, EventKey> table;
  private final CheckpointStore checkpoints;
  private final Signal appended = new Signal();
  private final Signal tocAdvanced = new Signal();
  private long nextSequence;

  OutboxStore(RocksStorage storage, CheckpointStore checkpoints) {
    this.storage = storage;
    this.checkpoints = checkpoints;
    this.table = storage.table(Cf.OUTBOX, OutboxCodecs.SEQUENCE, EventCodecs.EVENT_POSITION);
    this.nextSequence = Math.max(lastSequence(), lastAcknowledged()) + 1;
  }

  /**
   * The sequence of the next entry. Enqueuers serialize (the event store's append lock) and call
   * {@link #committed} after their write, so sequence order is commit order and a consumer never
   * sees a later sequence before an earlier one.
   */
  synchronized long nextSequence() {
    return nextSequence;
  }

  /** Adds the entry {@code sequence} for {@code eventKey} to {@code tx}. */
  void enqueue(WriteTx tx, long sequence, EventKey eventKey) {
    // upsert, not insert: the sequence is new by construction, and a read per ingest costs.
    table.upsert(tx.batch(), sequence, eventKey);
  }

  /** The write holding entry {@code sequence} is committed. */
  synchronized void committed(long sequence) {
    nextSequence = sequence + 1;
    appended.raise();
  }

  /** Raised when an entry is added: the TOC builder waits on it. */
  public Signal appended() {
    return appended;
  }

  /** Raised when the TOC has taken in more entries: the search index waits on it. */
  public Signal tocAdvanced() {
    return tocAdvanced;
  }

  /** Up to {@code max} entries the TOC has not acknowledged, oldest first. */
  public List<OutboxEntry> peek(int max) {
    return peek(lastAcknowledged(), Long.MAX_VALUE, max);
  }

  /** Up to {@code max} entries with sequences in {@code (after, upTo]}, oldest first. */
  public List<OutboxEntry> peek(long after, long upTo, int max) {
    List<OutboxEntry> entries = new ArrayList<>(Math.min(max, 1024));
    try (CloseableIterator<Entry<Long, EventKey>> it =
        table.scan(after + 1, upTo == Long.MAX_VALUE ? null : upTo + 1)) {
      while (entries.size() < max && it.hasNext()) {
        Entry<Long, EventKey> entry = it.next();
        entries.add(new OutboxEntry(entry.key(), entry.value()));
      }
    }
    return entries;
  }

  /** The TOC has taken in every entry up to {@code sequence}, as part of {@code tx} (with its work). */
  public void acknowledgeUpTo(WriteTx tx, long sequence) {
    checkpoints.put(tx, Checkpoint.OUTBOX_ACKED, sequence);
    tx.afterCommit(tocAdvanced::raise);
    long search = searchAcknowledged().orElse(Long.MAX_VALUE);
    table.deleteRange(tx.batch(), 0L, Math.min(sequence, search) + 1);
  }

  /**
   * The search index has committed every entry up to {@code sequence}; the first call registers
   * it as a consumer (from then on the outbox keeps what it has not taken in).
   */
  public void acknowledgeSearchUpTo(long sequence) {
    storage.write(batch -> {
      WriteTx tx = new WriteTx(batch);
      checkpoints.put(tx, Checkpoint.OUTBOX_SEARCH_ACKED, sequence);
      table.deleteRange(batch, 0L, Math.min(sequence, lastAcknowledged()) + 1);
    });
  }

  /** The highest sequence the search index has committed; empty before it first ran. */
  public Optional<Long> searchAcknowledged() {
    return checkpoints.get(Checkpoint.OUTBOX_SEARCH_ACKED);
  }

  /** The highest acknowledged sequence, 0 when none. */
  public long lastAcknowledged() {
    return checkpoints.get(Checkpoint.OUTBOX_ACKED).orElse(0L);
  }

  /** Number of unacknowledged entries (exact: sequences are dense). */
  public synchronized long pending() {
    return nextSequence - 1 - lastAcknowledged();
  }

  /** Removes the waiting entries of {@code keys} (forgotten events), as part of {@code tx}. */
  void forget(WriteTx tx, Set<EventKey> keys) {
    try (CloseableIterator<Entry<Long, EventKey>> it = table.scan(null, null)) {
      while (it.hasNext()) {
        Entry<Long, EventKey> entry = it.next();
        if (keys.contains(entry.value())) {
          table.deleteIfExists(tx.batch(), entry.key());
        }
      }
    }
  }

  /**
   * Checks that every waiting entry names a stored event and that no consumer's position is ahead
   * of the log (the TOC's, the search index's).
   */
  void verify(Consumer<String> problem, Predicate<EventKey> stored) {
    int reported = 0;
    try (CloseableIterator<Entry<Long, EventKey>> it = table.scan(null, null)) {
      while (it.hasNext()) {
        Entry<Long, EventKey> entry = it.next();
        if (!stored.test(entry.value()) && reported++ < EventStore.MAX_REPORTED) {
          problem.accept("outbox entry " + entry.key() + " names an event that is not stored");
        }
      }
    }
    long last = nextSequence() - 1;
    if (lastAcknowledged() > last) {
      problem.accept("the TOC's outbox position " + lastAcknowledged() + " is ahead of the log (" + last + ")");
    }
    searchAcknowledged().filter(search -> search > last).ifPresent(search ->
        problem.accept("the search index's outbox position " + search + " is ahead of the log (" + last + ")"));
  }

  private long lastSequence() {
    try (CloseableIterator<Entry<Long, EventKey>> it = table.scanBackward(null, null)) {
      return it.hasNext() ? it.next().key() : 0L;
    }
  }
}
