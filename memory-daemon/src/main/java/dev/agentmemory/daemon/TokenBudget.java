package dev.agentmemory.daemon;

import dev.agentmemory.toc.TokenCounter;
import java.util.Arrays;
import java.util.Optional;

/**
 * The optional bound on a TOC search answer's size, in cl100k tokens of match text
 * (search-protocol.md {@code token_budget}; 0 or less: no bound). Matches are taken best first
 * while they fit; the first is cut to fit rather than left out, so a match is never lost to a
 * tight budget.
 */
final class TokenBudget {
  private static final String CUT = " …";

  private final boolean bounded;
  private int left;
  private boolean taken;

  TokenBudget(int tokens) {
    this.bounded = tokens > 0;
    this.left = tokens;
  }

  /** {@code match} as far as it fits; empty when it does not (and is not the first). */
  Optional<NodeSearch.Match> take(NodeSearch.Match match) {
    if (!bounded) {
      return Optional.of(match);
    }
    int tokens = TokenCounter.shared().count(match.text());
    boolean first = !taken;
    if (tokens <= left) {
      left -= tokens;
      taken = true;
      return Optional.of(match);
    }
    if (!first) {
      return Optional.empty();
    }
    taken = true;
    // the cut text and its marker within what is left (a budget of a token or two still gets a word)
    String cut = prefixWithin(match.text(), Math.max(1, left - TokenCounter.shared().count(CUT)));
    left = 0;
    return Optional.of(new NodeSearch.Match(match.field(), cut + CUT, match.gripIds(), match.score()));
  }

  /** The longest run of whole words from the start of {@code text} that is at most {@code tokens} tokens. */
  private static String prefixWithin(String text, int tokens) {
    String[] words = text.split(" ");
    int low = 1;
    int high = words.length;
    while (low < high) {
      int middle = (low + high + 1) / 2;
      if (TokenCounter.shared().count(String.join(" ", Arrays.copyOf(words, middle))) <= tokens) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return String.join(" ", Arrays.copyOf(words, low));
  }
}
