package dev.agentmemory.bench;

import dev.agentmemory.search.Embeddings;
import dev.agentmemory.search.SearchRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code memory-bench recall DIR --cross-validate}: the hybrid search's keyword weight chosen the
 * way settings should be chosen, on some conversations and checked on others. Every way of
 * holding out two of the conversations is a fold: the weight with the best any@5 on the others
 * (pooled) is checked on the two held out. The mean of the held-out figures is what the setting
 * is worth on conversations it was not chosen on; the mean of the others is what tuning shows.
 */
final class RecallCrossValidation {
  private static final float[] WEIGHTS = {0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
  private static final int OFF_TOPIC_ANSWERED = 6;

  private RecallCrossValidation() {}

  static void run(Path dir) throws Exception {
    List<Locomo.Conversation> conversations = Locomo.load(dir);
    if (conversations.size() < 3) {
      throw new IllegalArgumentException("Cross-validation needs at least 3 conversations in " + dir + ", found "
          + conversations.size());
    }
    // per conversation, per weight: questions, any@5, any@10, all@5, all@10, empty answers, off-topic answered
    List<int[][]> counts = new ArrayList<>();
    try (Embeddings embeddings = Embeddings.loadInBackground()) {
      for (Locomo.Conversation conversation : conversations) {
        int[][] byWeight = new int[WEIGHTS.length][7];
        RecallBench.indexed(conversation, embeddings, (asked, indexed) -> {
          for (int w = 0; w < WEIGHTS.length; w++) {
            for (Locomo.Question question : RecallBench.questions(asked)) {
              RecallBench.count(byWeight[w], indexed.found(question.text(), SearchRequest.Mode.HYBRID, WEIGHTS[w]),
                  question.evidence());
            }
            for (String question : RecallBench.OFF_TOPIC) {
              byWeight[w][OFF_TOPIC_ANSWERED] +=
                  indexed.found(question, SearchRequest.Mode.HYBRID, WEIGHTS[w]).isEmpty() ? 0 : 1;
            }
          }
        });
        counts.add(byWeight);
      }
    }
    report(conversations, counts);
  }

  private static void report(List<Locomo.Conversation> conversations, List<int[][]> counts) {
    int n = conversations.size();
    System.out.printf("Hybrid keyword weight chosen on %d conversations, checked on the other 2 (any@5 chooses)%n", n - 2);
    System.out.printf("%-24s %7s %12s %12s %13s %12s%n", "held out", "weight", "tuned any@5", "held any@5",
        "held any@10", "held all@5");
    double[] sums = new double[4];
    int folds = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        List<Integer> held = List.of(i, j);
        List<Integer> tuned = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          if (!held.contains(k)) {
            tuned.add(k);
          }
        }
        int best = bestWeight(counts, tuned);
        double[] figures = {pooled(counts, tuned, best, 1), pooled(counts, held, best, 1), pooled(counts, held, best, 2),
            pooled(counts, held, best, 3)};
        System.out.printf("%-24s %7.1f %12.3f %12.3f %13.3f %12.3f%n",
            conversations.get(i).id() + " + " + conversations.get(j).id(), WEIGHTS[best], figures[0], figures[1],
            figures[2], figures[3]);
        for (int f = 0; f < 4; f++) {
          sums[f] += figures[f];
        }
        folds++;
      }
    }
    System.out.printf("%-24s %7s %12.3f %12.3f %13.3f %12.3f%n", "mean of " + folds + " folds", "", sums[0] / folds,
        sums[1] / folds, sums[2] / folds, sums[3] / folds);
    List<Integer> all = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      all.add(k);
    }
    System.out.printf("%nEvery weight on all %d conversations:%n%7s %7s %7s %7s %19s%n", n, "weight", "any@5", "any@10",
        "all@5", "off-topic answered");
    for (int w = 0; w < WEIGHTS.length; w++) {
      int offTopic = 0;
      for (int[][] byWeight : counts) {
        offTopic += byWeight[w][OFF_TOPIC_ANSWERED];
      }
      System.out.printf("%7.1f %7.3f %7.3f %7.3f %12d of %3d%n", WEIGHTS[w], pooled(counts, all, w, 1),
          pooled(counts, all, w, 2), pooled(counts, all, w, 3), offTopic, n * RecallBench.OFF_TOPIC.size());
    }
  }

  /** The weight with the best pooled any@5 on {@code conversations} (ties: the lower weight). */
  private static int bestWeight(List<int[][]> counts, List<Integer> conversations) {
    int best = 0;
    for (int w = 1; w < WEIGHTS.length; w++) {
      if (pooled(counts, conversations, w, 1) > pooled(counts, conversations, best, 1)) {
        best = w;
      }
    }
    return best;
  }

  /** Figure {@code figure} (1 any@5, 2 any@10, 3 all@5) of weight {@code w} over the questions of {@code conversations}. */
  private static double pooled(List<int[][]> counts, List<Integer> conversations, int w, int figure) {
    int questions = 0;
    int hits = 0;
    for (int c : conversations) {
      questions += counts.get(c)[w][0];
      hits += counts.get(c)[w][figure];
    }
    return questions == 0 ? 0 : (double) hits / questions;
  }
}
