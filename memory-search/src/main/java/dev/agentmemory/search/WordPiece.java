package dev.agentmemory.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The BERT WordPiece tokenizer of the embedding model (lower case, accents stripped, split at
 * spaces and punctuation, words into the longest vocabulary pieces), read from the model's own
 * {@code tokenizer.json}. Ours, so that nothing runs that could reach a network: the tokenizer
 * library this model ships with calls a cloud metadata address at start-up.
 */
final class WordPiece {
  static final int CLS = 101;
  static final int SEP = 102;
  private static final int UNK = 100;
  private static final int MAX_WORD_CHARS = 100;

  private final Map<String, Integer> vocab;

  private WordPiece(Map<String, Integer> vocab) {
    this.vocab = vocab;
  }

  /** Reads the vocabulary of a Hugging Face {@code tokenizer.json} (model.vocab). */
  static WordPiece load(InputStream tokenizerJson) {
    Map<String, Integer> vocab = new HashMap<>(40_000);
    try (JsonParser parser = new JsonFactory().createParser(tokenizerJson)) {
      if (!seek(parser, "model") || !seek(parser, "vocab")) {
        throw new IllegalStateException("tokenizer.json has no model.vocab");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String piece = parser.currentName();
        parser.nextToken();
        vocab.put(piece, parser.getIntValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to read the tokenizer's vocabulary, but " + e.getMessage(), e);
    }
    return new WordPiece(vocab);
  }

  /** Moves into the object value of field {@code name} of the current object. */
  private static boolean seek(JsonParser parser, String name) throws IOException {
    JsonToken token = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      token = parser.nextToken();
    }
    for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      boolean wanted = parser.currentName().equals(name);
      parser.nextToken();
      if (wanted) {
        return parser.currentToken() == JsonToken.START_OBJECT;
      }
      parser.skipChildren();
    }
    return false;
  }

  /** {@code [CLS] pieces... [SEP]}, at most {@code maxTokens} ids (the text's tail is cut). */
  int[] encode(String text, int maxTokens) {
    List<Integer> ids = new ArrayList<>();
    ids.add(CLS);
    for (String word : words(normalize(text))) {
      if (ids.size() >= maxTokens - 1) {
        break;
      }
      pieces(word, ids);
    }
    if (ids.size() > maxTokens - 1) {
      ids.subList(maxTokens - 1, ids.size()).clear();
    }
    ids.add(SEP);
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Lower case, accents removed, control characters dropped, CJK characters set apart. */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(c -> {
      if (Character.getType(c) == Character.NON_SPACING_MARK || c == 0 || c == 0xFFFD) {
        return;
      }
      if (Character.isWhitespace(c)) {
        out.append(' ');
      } else if (Character.isISOControl(c)) {
        return;
      } else if (isCjk(c)) {
        out.append(' ').appendCodePoint(c).append(' ');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Words split at spaces, every punctuation character a word of its own. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == ' ') {
        flush(word, words);
      } else if (isPunctuation(c)) {
        flush(word, words);
        words.add(new String(Character.toChars(c)));
      } else {
        word.appendCodePoint(c);
      }
    });
    flush(word, words);
    return words;
  }

  private void pieces(String word, List<Integer> ids) {
    if (word.length() > MAX_WORD_CHARS) {
      ids.add(UNK);
      return;
    }
    List<Integer> found = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer id = null;
      while (start < end) {
        String piece = (start > 0 ? "##" : "") + word.substring(start, end);
        id = vocab.get(piece);
        if (id != null) {
          break;
        }
        end--;
      }
      if (id == null) {
        ids.add(UNK);
        return;
      }
      found.add(id);
      start = end;
    }
    ids.addAll(found);
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** BERT's notion: ASCII symbols count as punctuation too ($, +, ^, `...). */
  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
