package dev.agentmemory.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How text becomes terms: Lucene's English analysis (lower case, possessives, Porter stems) with
 * a longer stop list than Lucene's, which keeps the question words ("what", "did", "when") that
 * every question to a memory starts with (../shared/notes/retrieval.md: 3 points of recall).
 */
final class Analysis {
  private static final List<String> MORE_STOP_WORDS = List.of(
      "what", "when", "where", "who", "whom", "whose", "why", "how", "which", "did", "does", "do", "done", "doing",
      "was", "were", "been", "being", "has", "have", "had", "having", "can", "could", "would", "should", "shall",
      "will", "may", "might", "must", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
      "he", "him", "his", "she", "her", "hers", "its", "they", "them", "their", "theirs", "about", "from", "up",
      "down", "out", "over", "again", "also", "just", "so", "than", "too", "very", "any", "some", "all", "more",
      "most", "other", "same", "own", "only", "am", "let", "lets", "ever", "anything", "something", "thing",
      "things", "tell", "remember", "recall", "ago", "last", "time", "mention", "mentioned", "say", "said");

  private Analysis() {}

  static Analyzer analyzer() {
    CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    stop.addAll(MORE_STOP_WORDS);
    return new EnglishAnalyzer(stop);
  }

  /** The distinct terms of {@code text}, in order. */
  static List<String> terms(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream stream = analyzer.tokenStream(SearchIndex.TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Analyzing a string cannot fail", e);
    }
    return new ArrayList<>(terms);
  }
}
