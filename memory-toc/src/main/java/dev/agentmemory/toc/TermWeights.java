package dev.agentmemory.toc;

/** How distinctive a term is across the whole store: higher for rarer terms. */
@FunctionalInterface
public interface TermWeights {
  double idf(String term);

  /** Every term equally distinctive (no store statistics). */
  static TermWeights uniform() {
    return term -> 1.0;
  }
}
