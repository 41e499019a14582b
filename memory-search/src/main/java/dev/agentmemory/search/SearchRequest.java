package dev.agentmemory.search;

import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A search, as the daemon's services understand it (the gRPC adapter maps the wire to this).
 *
 * @param query the words; times named in them ("last week") become a time filter when none is given
 * @param mode which indexes to use
 * @param fusion how hybrid results are combined
 * @param topK how many results (1-100)
 * @param bm25Weight weight of the keyword score in {@link Fusion#WEIGHTED} (the vector score gets the rest)
 * @param fromMs start of the time filter (inclusive), if any
 * @param toMs end of the time filter (exclusive), if any
 * @param agent only units of this agent, if given
 * @param types the unit types wanted ({@link Unit#EVENT}, {@link Unit#TOC_NODE}, {@link Unit#GRIP})
 * @param now when "now" is, in the user's zone, for times named in the query
 */
public record SearchRequest(String query, Mode mode, Fusion fusion, int topK, float bm25Weight, Optional<Long> fromMs,
    Optional<Long> toMs, Optional<String> agent, Set<String> types, float minScore, ZonedDateTime now) {
  /** Maximum {@code topK}. */
  public static final int MAX_TOP_K = 100;
  /** Weight of the keyword score in a weighted hybrid (best on the LoCoMo development set). */
  public static final float DEFAULT_BM25_WEIGHT = 0.6f;

  /** Which indexes a search uses. */
  public enum Mode { HYBRID, BM25, VECTOR }

  /** How hybrid results are combined. */
  public enum Fusion { WEIGHTED, RRF }
}
