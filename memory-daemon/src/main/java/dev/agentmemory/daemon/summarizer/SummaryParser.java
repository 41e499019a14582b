package dev.agentmemory.daemon.summarizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model's answer strictly: one JSON object (a fenced ```json block is tolerated) with a
 * non-empty title, bullets and keywords as lists of strings. Anything else is malformed.
 */
final class SummaryParser {
  static final int MAX_BULLETS = 5;
  static final int MAX_KEYWORDS = 7;

  record Parsed(String title, String summary, List<String> bullets, List<String> keywords) {}

  private SummaryParser() {}

  static Parsed parse(String answer) {
    String json = answer.strip();
    if (json.startsWith("```")) {
      int firstLine = json.indexOf('\n');
      int fence = json.lastIndexOf("```");
      json = firstLine < 0 || fence <= firstLine ? "" : json.substring(firstLine + 1, fence).strip();
    }
    JsonNode root;
    try {
      root = HttpJson.JSON.readTree(json);
    } catch (IOException e) {
      throw malformed("it is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw malformed("it is not a JSON object");
    }
    String title = root.path("title").asText("").strip();
    if (!root.path("title").isTextual() || title.isEmpty()) {
      throw malformed("\"title\" is missing or not a string");
    }
    List<String> bullets = strings(root.path("bullets"), "bullets", MAX_BULLETS);
    if (bullets.isEmpty()) {
      throw malformed("\"bullets\" is empty");
    }
    String summary = root.path("summary").isTextual() ? root.path("summary").asText().strip() : null;
    return new Parsed(shorten(title, 120), summary == null || summary.isEmpty() ? null : summary, bullets,
        strings(root.path("keywords"), "keywords", MAX_KEYWORDS));
  }

  private static List<String> strings(JsonNode array, String field, int max) {
    if (array.isMissingNode()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw malformed("\"" + field + "\" is not a list");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : array) {
      JsonNode text = item.isObject() ? item.path("text") : item;
      if (!text.isTextual()) {
        throw malformed("\"" + field + "\" holds something that is not a string");
      }
      if (!text.asText().isBlank() && values.size() < max) {
        values.add(shorten(text.asText().strip(), 400));
      }
    }
    return values;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static LlmException malformed(String why) {
    return new LlmException("the model's answer is malformed: " + why, false);
  }
}
