package dev.agentmemory.cli;

import dev.agentmemory.proto.SearchResponse;
import dev.agentmemory.proto.TimeRange;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a search answer was made, in words, for the command line and the MCP tools alike: the mode
 * that ran, where it looked, every filter and where it came from, and why an empty answer is
 * empty. An agent reading "nothing found" must know it is not "this never came up" when a filter
 * hid it.
 *
 * @param where "project shop-api", "all projects" or "the default store"
 * @param agent the agent filter asked for, if any (a blank one is none)
 */
public record SearchReport(SearchResponse response, String where, Optional<String> agent, ZoneId zone) {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  public SearchReport {
    agent = agent.filter(name -> !name.isBlank());
  }

  /**
   * "hybrid; project shop-api; agent gemini; preferring \"last week\" (...); only from ... to ...;
   * reranked by openai (...)".
   */
  public String how() {
    List<String> parts = new ArrayList<>();
    parts.add(response.getVectorAvailable() ? mode() : mode() + " (semantic search not ready, keywords only)");
    parts.add(where);
    agent.ifPresent(name -> parts.add("agent " + name));
    if (response.hasTimePreference()) {
      parts.add("preferring \"" + response.getTimePhrase() + "\" (" + range(response.getTimePreference())
          + ", named in the query; later events still count)");
    }
    if (response.hasTimeFilter()) {
      parts.add("only " + range(response.getTimeFilter()));
    }
    if (!response.getModelStage().isEmpty()) {
      parts.add(response.getModelStage());
    }
    return String.join("; ", parts);
  }

  /**
   * Why nothing was found (naming {@code query} when given: an agent reads the answer apart from
   * its call; a person just typed it).
   */
  public String nothingFound(Optional<String> query) {
    String why = response.getSetAside() > 0
        ? Count.of(response.getSetAside(), "candidate")
            + " shared words or meaning with the query, none closely enough to count"
        : "nothing shares a word or meaning with the query";
    String filtered = response.hasTimeFilter() || agent.isPresent()
        ? "; the filters above may hide it" : "";
    return "Nothing found" + query.map(words -> " for \"" + words + "\"").orElse("") + " (" + how() + "): " + why
        + filtered + ".";
  }

  /** The mode that ran: "hybrid", "bm25" or "vector". */
  public String mode() {
    return response.getModeUsed().name().replace("HYBRID_MODE_", "").replace("_ONLY", "").toLowerCase(Locale.ROOT);
  }

  private String range(TimeRange range) {
    String from = range.getStartMs() == 0 ? "the beginning" : DAY.format(Instant.ofEpochMilli(range.getStartMs()).atZone(zone));
    String to = range.getEndMs() == 0 ? "now" : DAY.format(Instant.ofEpochMilli(range.getEndMs()).atZone(zone));
    return "from " + from + " to " + to;
  }
}
