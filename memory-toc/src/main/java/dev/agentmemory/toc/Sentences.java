package dev.agentmemory.toc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits event texts into candidate statements: prose sentences and meaningful lines of code output. */
final class Sentences {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\"'(\\[`])");
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*•>]+|\\d+[.)]|#+)\\s+");
  private static final int MIN_WORDS = 3;
  static final int MAX_CHARS = 240;

  private Sentences() {}

  /** Statements of {@code text}, in order, each trimmed and at most {@value #MAX_CHARS} characters. */
  static List<String> split(String text) {
    List<String> result = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String cleaned = LIST_MARKER.matcher(line).replaceFirst("").strip();
      if (cleaned.isEmpty() || looksLikeCode(cleaned)) {
        continue;
      }
      for (String sentence : SENTENCE_END.split(cleaned)) {
        String candidate = sentence.strip();
        if (wordCount(candidate) >= MIN_WORDS && symbolRatio(candidate) < 0.25) {
          result.add(shorten(candidate));
        }
      }
    }
    return result;
  }

  static int wordCount(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean letter = !Character.isWhitespace(text.charAt(i));
      if (letter && !inWord) {
        words++;
      }
      inWord = letter;
    }
    return words;
  }

  private static boolean looksLikeCode(String line) {
    return line.startsWith("at ") && line.endsWith(")")
        || line.endsWith("{") || line.endsWith("};") || line.startsWith("}")
        || line.startsWith("import ") || line.startsWith("package ") || line.startsWith("```");
  }

  private static double symbolRatio(String text) {
    int symbols = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c) && !Character.isWhitespace(c) && ".,'!?-:;\"()".indexOf(c) < 0) {
        symbols++;
      }
    }
    return (double) symbols / text.length();
  }

  /** At most {@value #MAX_CHARS} characters, cut at a word boundary with an ellipsis. */
  static String shorten(String text) {
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    String cut = Texts.prefix(text, MAX_CHARS - 1);
    int space = cut.lastIndexOf(' ');
    return (space > MAX_CHARS / 2 ? cut.substring(0, space) : cut).strip() + "…";
  }
}
