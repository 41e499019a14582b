package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.toc.SummaryEvent;
import dev.agentmemory.toc.Texts;
import java.util.List;
import java.util.Set;

/**
 * Finds the event and sentence that support a bullet a model wrote, by the terms they share. The
 * model is never asked for event ids, so it cannot invent one: every grip points at a real event.
 */
final class EvidenceMatcher {
  private static final int MAX_EXCERPT = 240;

  record Evidence(SummaryEvent event, String excerpt) {}

  private EvidenceMatcher() {}

  static Evidence match(String bullet, List<SummaryEvent> events) {
    Set<String> wanted = Texts.distinctTerms(bullet);
    SummaryEvent bestEvent = events.get(0);
    String bestSentence = null;
    double bestScore = -1;
    for (SummaryEvent event : events) {
      for (String sentence : event.text().split("(?<=[.!?])\\s+|\\n+")) {
        if (sentence.isBlank()) {
          continue;
        }
        Set<String> terms = Texts.distinctTerms(sentence);
        long shared = terms.stream().filter(wanted::contains).count();
        double score = shared == 0 ? 0 : shared / Math.sqrt(terms.size());
        if (score > bestScore) {
          bestScore = score;
          bestEvent = event;
          bestSentence = sentence.strip();
        }
      }
    }
    String excerpt = bestSentence == null ? bestEvent.text().strip() : bestSentence;
    return new Evidence(bestEvent, excerpt.length() <= MAX_EXCERPT ? excerpt : Texts.prefix(excerpt, MAX_EXCERPT - 1) + "…");
  }
}
