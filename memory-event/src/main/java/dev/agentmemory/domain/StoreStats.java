package dev.agentmemory.domain;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sizes of a store. Counts are exact: kept as counters written with the data they count, so
 * reading them costs a few point reads however large the store is.
 *
 * @param tocNodes nodes linked into navigation (all levels)
 * @param outbox events not yet taken into the TOC
 * @param diskBytes size of the store directory's files
 * @param warnings problems a person should act on, each saying what to do
 * @param format the store's layout version ({@link StoreFormat})
 * @param agents stored events per agent, by agent name
 */
public record StoreStats(
    Path path, long events, long tocNodes, long grips, long outbox, long diskBytes, List<String> warnings,
    long format, Map<String, AgentTally> agents) {
  public StoreStats {
    warnings = List.copyOf(warnings);
    agents = Collections.unmodifiableMap(new TreeMap<>(agents));
  }

  /** The same figures with {@code others} as the warnings. */
  public StoreStats withWarnings(List<String> others) {
    return new StoreStats(path, events, tocNodes, grips, outbox, diskBytes, others, format, agents);
  }
}
