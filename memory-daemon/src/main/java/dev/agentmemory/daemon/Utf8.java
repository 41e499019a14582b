package dev.agentmemory.daemon;

/** UTF-8 arithmetic without encoding: sizes are checked on every ingest, often on large texts. */
final class Utf8 {
  private Utf8() {}

  /** Number of bytes {@code text} takes in UTF-8 (unpaired surrogates count as '?', one byte). */
  static long length(CharSequence text) {
    long bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
