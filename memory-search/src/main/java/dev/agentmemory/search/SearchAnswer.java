package dev.agentmemory.search;

import java.util.List;
import java.util.Optional;

/**
 * What a search found, and how: the mode that actually ran (a hybrid search while the model is
 * loading runs on keywords alone, and says so) and the time filter applied.
 *
 * @param timeFromMs start of the time filter applied (the request's; a time named in the query is {@code preferred})
 * @param timeToMs its end (exclusive)
 * @param setAside candidates that shared words or meaning with the query but none closely enough
 *     to count as evidence, when the answer is empty for that reason (0 otherwise)
 * @param preferred the time the query named ("last week"), preferred in the ranking, not a filter
 * @param modelStage what the optional model stage did ("reranked by ...", "not reranked: why"); empty when off
 */
public record SearchAnswer(List<SearchHit> hits, SearchRequest.Mode modeUsed, boolean bm25Available,
    boolean vectorAvailable, long totalDocs, Optional<Long> timeFromMs, Optional<Long> timeToMs, int setAside,
    Optional<TimePhrases.Found> preferred, String modelStage) {

  /** This answer with {@code hits} in the order the model stage gave them, and what it did. */
  public SearchAnswer withModelStage(List<SearchHit> ordered, String outcome) {
    return new SearchAnswer(ordered, modeUsed, bm25Available, vectorAvailable, totalDocs, timeFromMs, timeToMs,
        setAside, preferred, outcome);
  }
}
