package dev.agentmemory.toc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits event texts into candidate statements: prose sentences and meaningful lines of output.
 * Hand-written scanning rather than regular expressions: it runs over every event's text.
 */
final class Sentences {
  private static final int MIN_WORDS = 3;
  static final int MAX_CHARS = 240;

  private Sentences() {}

  /** Statements of {@code text}, in order, each trimmed and at most {@value #MAX_CHARS} characters. */
  static List<String> split(String text) {
    List<String> result = new ArrayList<>();
    int lineStart = 0;
    int length = text.length();
    while (lineStart < length) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = length;
      }
      String line = stripListMarker(text.substring(lineStart, lineEnd).strip());
      if (!line.isEmpty() && !looksLikeCode(line)) {
        splitLine(line, result);
      }
      lineStart = lineEnd + 1;
    }
    return result;
  }

  /** Cuts after '.', '!' or '?' followed by a space and a capital, quote or bracket. */
  private static void splitLine(String line, List<String> result) {
    int start = 0;
    for (int i = 0; i < line.length() - 2; i++) {
      char c = line.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(line.charAt(i + 1))) {
        int next = i + 1;
        while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
          next++;
        }
        if (next < line.length() && startsSentence(line.charAt(next))) {
          add(line.substring(start, i + 1), result);
          start = next;
          i = next - 1;
        }
      }
    }
    add(line.substring(start), result);
  }

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '`';
  }

  private static void add(String sentence, List<String> result) {
    String candidate = sentence.strip();
    if (wordCount(candidate) >= MIN_WORDS && symbolRatio(candidate) < 0.25) {
      result.add(shorten(candidate));
    }
  }

  /** "- item", "* item", "1. item", "## Title", "> quote" lose their marker. */
  private static String stripListMarker(String line) {
    int i = 0;
    while (i < line.length() && "-*•>#".indexOf(line.charAt(i)) >= 0) {
      i++;
    }
    if (i == 0) {
      while (i < line.length() && Character.isDigit(line.charAt(i))) {
        i++;
      }
      if (i == 0 || i >= line.length() || (line.charAt(i) != '.' && line.charAt(i) != ')')) {
        return line;
      }
      i++;
    }
    return i < line.length() && Character.isWhitespace(line.charAt(i)) ? line.substring(i).strip() : line;
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
