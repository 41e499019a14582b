package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.Entry;
import dev.agentmemory.storage.rocksdb.EventCodecs;
import dev.agentmemory.storage.rocksdb.OutboxCodecs;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * FIFO work queue announcing new events to the TOC builder. Entries get increasing sequence
 * numbers in commit order (the event store appends under one lock); a consumer acknowledges a
 * prefix, which deletes it and records the high-water mark so sequences never restart lower.
 */
public final class OutboxStore {
  private final RocksStorage storage;
  private final Table<Long, EventKey> table;
  private final CheckpointStore checkpoints;
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
  }

  /** Up to {@code max} unacknowledged entries, oldest first. */
  public List<OutboxEntry> peek(int max) {
    List<OutboxEntry> entries = new ArrayList<>(Math.min(max, 1024));
    try (CloseableIterator<Entry<Long, EventKey>> it = table.scan(lastAcknowledged() + 1, null)) {
      while (entries.size() < max && it.hasNext()) {
        Entry<Long, EventKey> entry = it.next();
        entries.add(new OutboxEntry(entry.key(), entry.value()));
      }
    }
    return entries;
  }

  /** Deletes every entry up to {@code sequence} as part of {@code batch} (with the work done). */
  public void acknowledgeUpTo(WriteTx tx, long sequence) {
    table.deleteRange(tx.batch(), 0L, sequence + 1);
    checkpoints.put(tx, Checkpoint.OUTBOX_ACKED, sequence);
  }

  /** The highest acknowledged sequence, 0 when none. */
  public long lastAcknowledged() {
    return checkpoints.get(Checkpoint.OUTBOX_ACKED).orElse(0L);
  }

  /** Number of unacknowledged entries (exact: sequences are dense). */
  public synchronized long pending() {
    return nextSequence - 1 - lastAcknowledged();
  }

  private long lastSequence() {
    try (CloseableIterator<Entry<Long, EventKey>> it = table.scanBackward(null, null)) {
      return it.hasNext() ? it.next().key() : 0L;
    }
  }
}
