package dev.agentmemory.toc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Text handling shared by token counting, term statistics and the local summarizer. */
public final class Texts {
  private static final int MIN_TERM_LENGTH = 3;
  private static final int MAX_TERM_LENGTH = 64;

  // Six digits in a row: an id or a temp directory (junit-1640466238739904025), not a topic.
  private static final Pattern LONG_NUMBER = Pattern.compile("\\d{6}");
  // Words that carry no topic in prose or chat; code keywords that carry none in code. Terms are
  // weighted by the store's own statistics as well, so this list only needs the obvious ones.
  private static final Set<String> STOP_WORDS = Set.of(
      "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one",
      "our", "out", "has", "have", "him", "his", "how", "its", "let", "may", "new", "now", "old", "see",
      "two", "who", "did", "get", "got", "she", "too", "use", "that", "with", "this", "from", "they", "will",
      "would", "there", "their", "what", "about", "which", "when", "make", "like", "time", "just", "know",
      "take", "into", "your", "some", "could", "them", "than", "then", "look", "only", "come", "over",
      "think", "also", "back", "after", "work", "first", "well", "even", "want", "because", "these", "give",
      "most", "been", "were", "said", "each", "does", "done", "doing", "here", "very", "much", "more",
      "such", "should", "shall", "might", "must", "being", "where", "while", "those", "other", "still",
      "yes", "yeah", "okay", "sure", "thanks", "thank", "please", "really", "going", "need", "needs",
      "let's", "i'm", "it's", "don't", "that's", "i've", "you're", "we're", "can't", "didn't", "doesn't",
      "isn't", "wasn't", "what's", "there's", "i'll", "we'll", "you'll", "i'd", "lot", "lots", "way",
      "thing", "things", "something", "anything", "everything", "nothing", "maybe", "though", "through",
      "both", "same", "again", "before", "under", "above", "between", "once", "why", "own", "off", "down",
      "few", "many", "every", "always", "never", "sometimes", "wow", "hey", "hi", "hello", "great", "good",
      "nice", "cool", "awesome", "amazing", "love", "glad", "happy", "feel", "feeling", "today", "yesterday",
      "tomorrow", "kind", "bit", "null", "true", "false", "return", "public", "private", "static", "final",
      "void", "class", "import", "package", "string", "int", "long", "var", "val", "def", "self", "else",
      "elif", "try", "catch", "throw", "throws", "function", "const", "end", "fn", "pub", "mut", "impl");

  private Texts() {}

  /** At most {@code maxChars} leading characters, never splitting a surrogate pair. */
  public static String prefix(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /**
   * Words of a text as written (identifiers, file names and paths split on '/', kept whole
   * otherwise), without surrounding punctuation.
   */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int length = text.length();
    int start = -1;
    for (int i = 0; i <= length; i++) {
      boolean wordChar = i < length && isWordChar(text.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        addTrimmed(words, text, start, i);
        start = -1;
      }
    }
    return words;
  }

  /** Candidate keyword terms of a text: lower-case words that can name a topic, in order. */
  public static List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    for (String word : words(text)) {
      String term = normalize(word);
      if (term != null) {
        terms.add(term);
      }
    }
    return terms;
  }

  /** The distinct terms of a text. */
  public static Set<String> distinctTerms(String text) {
    return new LinkedHashSet<>(terms(text));
  }

  /**
   * The term a word counts as, or null when it cannot name a topic. Plain words are lower-cased
   * and lightly stemmed (tests, tested, testing: test); identifiers (InvoiceService, max_len,
   * v2.1, main.rs) are only lower-cased.
   */
  public static String normalize(String word) {
    if (word.length() < MIN_TERM_LENGTH || word.length() > MAX_TERM_LENGTH) {
      return null;
    }
    String term = word.toLowerCase(Locale.ROOT);
    if (STOP_WORDS.contains(term) || !hasLetter(term) || term.startsWith("http") || LONG_NUMBER.matcher(term).find()) {
      return null;
    }
    String stem = isPlainWord(word) ? stem(term) : term;
    return stem.length() < MIN_TERM_LENGTH || STOP_WORDS.contains(stem) ? null : stem;
  }

  /** True for identifiers: mixed case inside, digits, or connector characters. */
  public static boolean isIdentifier(String word) {
    return !isPlainWord(word);
  }

  private static boolean isPlainWord(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!Character.isLetter(c) && c != '\'' || (i > 0 && Character.isUpperCase(c))) {
        return false;
      }
    }
    return true;
  }

  private static String stem(String term) {
    if (term.endsWith("'s")) {
      term = term.substring(0, term.length() - 2);
    }
    if (term.length() > 5 && term.endsWith("ing")) {
      return undouble(term.substring(0, term.length() - 3));
    }
    if (term.length() > 4 && term.endsWith("ied")) {
      return term.substring(0, term.length() - 3) + "y";
    }
    if (term.length() > 4 && term.endsWith("ed")) {
      return undouble(term.substring(0, term.length() - 2));
    }
    if (term.length() > 4 && term.endsWith("ies")) {
      return term.substring(0, term.length() - 3) + "y";
    }
    if (term.length() > 4 && (term.endsWith("ses") || term.endsWith("xes") || term.endsWith("ches") || term.endsWith("shes"))) {
      return term.substring(0, term.length() - 2);
    }
    if (term.length() > 3 && term.endsWith("s") && !term.endsWith("ss") && !term.endsWith("us") && !term.endsWith("is")) {
      return term.substring(0, term.length() - 1);
    }
    return term;
  }

  /** stopp -> stop (after removing -ed / -ing), but keep ll, ss (install, pass). */
  private static String undouble(String stem) {
    int n = stem.length();
    if (n > 3 && stem.charAt(n - 1) == stem.charAt(n - 2) && "lsz".indexOf(stem.charAt(n - 1)) < 0) {
      return stem.substring(0, n - 1);
    }
    return stem;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '\'' || c == '#' || c == '+';
  }

  private static void addTrimmed(List<String> words, String text, int start, int end) {
    while (start < end && !Character.isLetterOrDigit(text.charAt(start)) && text.charAt(start) != '_') {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1)) && text.charAt(end - 1) != '_'
        && text.charAt(end - 1) != '+' && text.charAt(end - 1) != '#') {
      end--;
    }
    if (end > start) {
      words.add(text.substring(start, end));
    }
  }

  private static boolean hasLetter(String term) {
    for (int i = 0; i < term.length(); i++) {
      if (Character.isLetter(term.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
