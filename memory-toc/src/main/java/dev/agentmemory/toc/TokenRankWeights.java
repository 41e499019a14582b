package dev.agentmemory.toc;

/**
 * How distinctive a term is, read off the cl100k tokenizer: its merge ranks follow how common text
 * is in a very large corpus (a common word is one early token; a rare word or an identifier is
 * several late ones), so the sum of the logs of a term's token ranks behaves like an inverse
 * document frequency. Unlike counts kept in the store it depends on nothing but the term, so a
 * segment's summary depends on its own events only: live building, a rebuild and a build resumed
 * after a crash give the same summary whatever order events arrived in. On the LoCoMo development
 * set it scores as the store's own frequencies did (docs/benchmarks.md).
 */
final class TokenRankWeights implements TermWeights {
  private final TokenCounter tokens;

  TokenRankWeights(TokenCounter tokens) {
    this.tokens = tokens;
  }

  @Override
  public double idf(String term) {
    double weight = 1.0;
    // as the word appears inside a sentence: with its leading space
    for (int rank : tokens.tokens(" " + term)) {
      weight += Math.log(1.0 + rank);
    }
    return weight;
  }
}
