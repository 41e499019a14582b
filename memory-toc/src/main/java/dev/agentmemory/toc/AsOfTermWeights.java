package dev.agentmemory.toc;

import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocIndexStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inverse document frequencies as of a point in the log: the store's counts before this build
 * step plus the step's own events up to that point. Weighing a segment as of its last event makes
 * its keywords independent of how events were batched (live or rebuild).
 */
final class AsOfTermWeights {
  private final TocIndexStore index;
  private final long baseEvents;
  private final List<EventKey> added = new ArrayList<>();
  private final Map<String, List<Integer>> positions = new HashMap<>();
  // Read from the summarizer threads of a step.
  private final Map<String, Long> baseCounts = new java.util.concurrent.ConcurrentHashMap<>();

  /** @param baseEvents how many events the store had indexed before this step */
  AsOfTermWeights(TocIndexStore index, long baseEvents) {
    this.index = index;
    this.baseEvents = baseEvents;
  }

  /** Records the next new event (callers add them in log order). */
  void add(SessionEntry entry, Set<String> terms) {
    int position = added.size();
    added.add(entry.eventKey());
    for (String term : terms) {
      positions.computeIfAbsent(term, t -> new ArrayList<>()).add(position);
    }
  }

  /** Weights as of {@code last}: every event up to and including it counts. */
  TermWeights asOf(EventKey last) {
    int upTo = upperBound(added, last);
    long events = baseEvents + upTo;
    return term -> {
      long documents = baseCounts.computeIfAbsent(term, index::termCount)
          + upperBound(positions.getOrDefault(term, List.of()), upTo - 1);
      return Math.log((events + 1.0) / (documents + 1.0)) + 1.0;
    };
  }

  /** Number of elements of the sorted {@code list} that are at most {@code value}. */
  private static <T extends Comparable<? super T>> int upperBound(List<T> list, T value) {
    int index = Collections.binarySearch(list, value);
    return index >= 0 ? index + 1 : -index - 1;
  }
}
