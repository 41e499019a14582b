package dev.agentmemory.hook;

import java.util.List;
import java.util.Map;

/** A message's content as text, whatever shape the agent sent it in. */
public final class ContentText {
  private ContentText() {}

  /**
   * A Gemini part list (a string, parts with {@code text} or a function's output, or one part) as
   * text; any other value as JSON. The hook and the importer of Gemini's chat files read the same
   * content alike, so an import recognizes what the hook captured.
   */
  public static String of(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Map<?, ?> part) {
      if (part.get("text") instanceof String text) {
        return text;
      }
      if (part.get("message") instanceof String message) {
        return message;
      }
      // a tool's result as Gemini hands it to the model: {functionResponse: {response: {output}}}
      if (part.get("functionResponse") instanceof Map<?, ?> function && function.get("response") instanceof Map<?, ?> response
          && response.get("output") instanceof String output) {
        return output;
      }
    }
    if (value instanceof List<?> parts) {
      StringBuilder out = new StringBuilder();
      for (Object part : parts) {
        String text = of(part);
        if (!text.isBlank()) {
          out.append(out.isEmpty() ? "" : "\n").append(text);
        }
      }
      return out.toString();
    }
    return JsonTree.write(value);
  }

  private static final String UNTRUSTED_OPEN = "<untrusted_context>";
  private static final String UNTRUSTED_CLOSE = "</untrusted_context>";
  private static final String PGID = "Process Group PGID:";

  /**
   * A shell tool's output without what Gemini CLI (0.61) wraps it in for the model, as the real
   * client showed: {@code <untrusted_context>Output: ...\nProcess Group PGID: N</untrusted_context>},
   * whatever comes before it (the command's description) kept.
   */
  public static String unwrapped(String output) {
    int open = output.indexOf(UNTRUSTED_OPEN);
    int close = output.lastIndexOf(UNTRUSTED_CLOSE);
    if (open < 0 || close < open) {
      return output;
    }
    String inner = output.substring(open + UNTRUSTED_OPEN.length(), close).strip();
    if (inner.startsWith("Output:")) {
      inner = inner.substring("Output:".length()).strip();
    }
    int pgid = inner.lastIndexOf(PGID);
    if (pgid >= 0 && isProcessGroupNumber(inner.substring(pgid + PGID.length()))) {
      inner = inner.substring(0, pgid).strip();
    }
    return (output.substring(0, open) + inner + output.substring(close + UNTRUSTED_CLOSE.length())).strip();
  }

  /**
   * Whether {@code rest} is spaces, a number, then only white space: the end of Gemini's wrapper.
   * Read by hand, not by a regular expression: the hook's first one costs it milliseconds.
   */
  private static boolean isProcessGroupNumber(String rest) {
    int at = 0;
    while (at < rest.length() && rest.charAt(at) == ' ') {
      at++;
    }
    int digits = at;
    while (at < rest.length() && rest.charAt(at) >= '0' && rest.charAt(at) <= '9') {
      at++;
    }
    return at > digits && rest.substring(at).isBlank();
  }
}
