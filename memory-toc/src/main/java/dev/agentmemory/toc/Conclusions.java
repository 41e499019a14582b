package dev.agentmemory.toc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an assistant concluded in a conversation: the sentences of its messages that say what was
 * decided, found, done or left open, rather than how it got there ("Let me check ...", "Two
 * options: ..."). The decision is often not the last message: "Decision: stay with rolling
 * updates" is followed by "Added k8s/migrate-job.yaml" once the user asked for the job.
 */
public final class Conclusions {
  private static final int MAX_SENTENCES = 2;
  // Said when something is settled or left open.
  private static final Pattern SETTLED = Pattern.compile("\\b(decision|decided|we'll use|we will use|we'll keep|"
      + "root cause|the cause|caused by|not done|left open|still open|todo|next step|for now|stay with|keep the|"
      + "instead of|switched|turned out|turns out)\\b");
  // Said when something was changed or found (not "committed": bookkeeping, the change is elsewhere).
  private static final Pattern DONE = Pattern.compile("\\b(fixed|added|changed|renamed|removed|replaced|now|because|"
      + "so that|found|works|passes|failed|fails)\\b");
  // How the work went rather than where it ended.
  private static final Pattern PROCESS = Pattern.compile("^(let me|let's|i'll|i will|first,|now let me|checking|"
      + "looking|options:|two options|one option)");

  private Conclusions() {}

  /**
   * At most two sentences of {@code messages} (oldest first), the most conclusive, in the order
   * said and within {@code maxChars}; the last message's sentences win ties (later words replace
   * earlier ones), and one with no sign of a conclusion is chosen only as the very last sentence.
   * Empty when nothing was said.
   */
  public static String of(List<String> messages, int maxChars) {
    List<Scored> sentences = new ArrayList<>();
    for (int m = 0; m < messages.size(); m++) {
      boolean last = m == messages.size() - 1;
      for (String sentence : Sentences.split(messages.get(m))) {
        sentences.add(new Scored(sentence, sentences.size(), score(sentence, last)));
      }
    }
    List<Scored> best = sentences.stream()
        .filter(sentence -> sentence.score() > 0 || sentence.order() == sentences.size() - 1)
        .sorted(Comparator.comparingInt(Scored::score).reversed().thenComparing(Comparator.comparingInt(Scored::order).reversed()))
        .limit(MAX_SENTENCES).sorted(Comparator.comparingInt(Scored::order)).toList();
    String both = String.join(" ", best.stream().map(Scored::text).toList());
    if (both.length() <= maxChars || best.size() < 2) {
      return both;
    }
    return best.stream().max(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order)).orElseThrow().text();
  }

  private static int score(String sentence, boolean lastMessage) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    int score = lastMessage ? 1 : 0;
    score += SETTLED.matcher(lower).find() ? 3 : 0;
    score += DONE.matcher(lower).find() ? 2 : 0;
    score -= PROCESS.matcher(lower).find() || lower.endsWith("?") ? 3 : 0;
    return score;
  }

  private record Scored(String text, int order, int score) {}
}
