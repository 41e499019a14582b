package dev.agentmemory.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ROUGE-1 and ROUGE-L F1 over lower-cased alphanumeric tokens (no stemming, no stop words). */
final class Rouge {
  private Rouge() {}

  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  static double rouge1(String candidate, String reference) {
    List<String> c = tokens(candidate);
    List<String> r = tokens(reference);
    Map<String, Integer> counts = new HashMap<>();
    r.forEach(t -> counts.merge(t, 1, Integer::sum));
    int overlap = 0;
    for (String token : c) {
      Integer left = counts.get(token);
      if (left != null && left > 0) {
        overlap++;
        counts.put(token, left - 1);
      }
    }
    return f1(overlap, c.size(), r.size());
  }

  static double rougeL(String candidate, String reference) {
    List<String> c = tokens(candidate);
    List<String> r = tokens(reference);
    int[] previous = new int[r.size() + 1];
    int[] current = new int[r.size() + 1];
    for (String token : c) {
      for (int j = 1; j <= r.size(); j++) {
        current[j] = token.equals(r.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return f1(previous[r.size()], c.size(), r.size());
  }

  private static double f1(int overlap, int candidateLength, int referenceLength) {
    if (overlap == 0 || candidateLength == 0 || referenceLength == 0) {
      return 0;
    }
    double precision = (double) overlap / candidateLength;
    double recall = (double) overlap / referenceLength;
    return 2 * precision * recall / (precision + recall);
  }
}
