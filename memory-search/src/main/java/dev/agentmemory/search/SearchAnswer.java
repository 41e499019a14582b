package dev.agentmemory.search;

import java.util.List;
import java.util.Optional;

/**
 * What a search found, and how: the mode that actually ran (a hybrid search while the model is
 * loading runs on keywords alone, and says so) and the time filter applied.
 *
 * @param timeFromMs start of the time filter applied (a time named in the query, or the request's)
 * @param timeToMs its end (exclusive)
 */
public record SearchAnswer(List<SearchHit> hits, SearchRequest.Mode modeUsed, boolean bm25Available,
    boolean vectorAvailable, long totalDocs, Optional<Long> timeFromMs, Optional<Long> timeToMs) {}
