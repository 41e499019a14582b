package dev.agentmemory.storage;

import dev.agentmemory.domain.AgentTally;
import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.CheckpointCodecs;
import dev.agentmemory.storage.rocksdb.Entry;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** The {@link Checkpoint}s of a store, written atomically with the work they record. */
public final class CheckpointStore {
  private final RocksStorage storage;
  private final Table<String, byte[]> table;

  CheckpointStore(RocksStorage storage) {
    this.storage = storage;
    this.table = storage.table(Cf.CHECKPOINTS, CheckpointCodecs.NAME, CheckpointCodecs.PAYLOAD);
  }

  public <T> Optional<T> get(Checkpoint<T> checkpoint) {
    return table.get(checkpoint.key()).map(checkpoint::decode);
  }

  /** Records {@code value} as part of {@code tx}. */
  public <T> void put(WriteTx tx, Checkpoint<T> checkpoint, T value) {
    table.upsert(tx.batch(), checkpoint.key(), checkpoint.encode(value));
  }

  /** Records {@code value} in a write of its own. */
  public <T> void put(Checkpoint<T> checkpoint, T value) {
    storage.write(batch -> put(new WriteTx(batch), checkpoint, value));
  }

  /** The audit entries of {@code admin forget}, oldest first. */
  public List<String> audit() {
    List<String> entries = new ArrayList<>();
    withPrefix(Checkpoint.AUDIT_PREFIX, (key, value) -> entries.add(new String(value, StandardCharsets.UTF_8)));
    return entries;
  }

  /** Every agent's tally, by agent name. */
  public Map<String, AgentTally> agents() {
    Map<String, AgentTally> agents = new TreeMap<>();
    withPrefix(Checkpoint.AGENT_PREFIX, (key, value) -> {
      String name = key.substring(Checkpoint.AGENT_PREFIX.length());
      agents.put(name, Checkpoint.agent(name).decode(value));
    });
    return agents;
  }

  private void withPrefix(String from, BiConsumer<String, byte[]> action) {
    String to = from.substring(0, from.length() - 1) + (char) (from.charAt(from.length() - 1) + 1);
    try (CloseableIterator<Entry<String, byte[]>> it = table.scan(from, to)) {
      it.forEachRemaining(entry -> action.accept(entry.key(), entry.value()));
    }
  }

  public void delete(Checkpoint<?> checkpoint) {
    storage.write(batch -> table.deleteIfExists(batch, checkpoint.key()));
  }
}
