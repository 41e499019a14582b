package dev.agentmemory.daemon.operations;

import dev.agentmemory.daemon.AdminService;
import dev.agentmemory.domain.StoreStats;
import java.util.List;
import java.util.Optional;

/**
 * What {@code admin stats} shows of one store.
 *
 * @param project the store's project ("" for the default store)
 * @param projects every project with a store beside the default one
 * @param forgotten what admin forget removed from this store (what, when, how many)
 * @param search the index's figures (only a running daemon has an index open)
 */
public record StoreReport(String project, StoreStats store, AdminService.SummarizerUsage summarizer, long redactions,
    List<String> projects, List<String> forgotten, Optional<SearchFigures> search) {
  public StoreReport {
    projects = List.copyOf(projects);
    forgotten = List.copyOf(forgotten);
  }

  /** The search index of the store: units, vectors, those waiting, size, events not yet indexed, model. */
  public record SearchFigures(long documents, long vectors, long pendingVectors, long indexBytes, long behind,
      String semantic) {}
}
