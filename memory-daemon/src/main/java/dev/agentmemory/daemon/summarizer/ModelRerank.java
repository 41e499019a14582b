package dev.agentmemory.daemon.summarizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmemory.search.SearchHit;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The optional model stage of search ({@code search.rerank}): the summarizer's LLM puts a search's
 * best candidates in the order that answers the question best. Bounded: at most {@code
 * search.rerank_candidates} candidates of {@value #PASSAGE_CHARS} characters each, one request
 * within {@code search.rerank_timeout}, no retry, its tokens counted in the summarizer's daily
 * budget. Whatever goes wrong (timeout, refusal, an answer that is not a ranking, the budget
 * spent), the search keeps its own order and says why.
 */
public final class ModelRerank {
  static final String SYSTEM = """
      You rank passages from a record of past conversations by how well they help answer a question.
      Answer with JSON only: {"ranking": [passage numbers, most helpful first]}.
      Put every passage that helps before every one that does not.""";
  private static final int PASSAGE_CHARS = 500;

  private final LlmProvider provider;
  private final UsageMeter meter;
  private final int candidates;
  private final String description;
  private final ZoneId zone;

  /** @param description provider, model and host, named in every answer it orders */
  ModelRerank(LlmProvider provider, UsageMeter meter, int candidates, String description, ZoneId zone) {
    this.provider = provider;
    this.meter = meter;
    this.candidates = candidates;
    this.description = description;
    this.zone = zone;
  }

  /** How many of the best candidates a search should hand over. */
  public int candidates() {
    return candidates;
  }

  /**
   * The hits in order, and what the stage did.
   *
   * @param outcome "reranked by ..." or "not reranked: why" (empty when there was nothing to order)
   */
  public record Ranked(List<SearchHit> hits, String outcome) {}

  /** {@code hits} (best first) as the model orders them; those it leaves out follow in their own order. */
  public Ranked rerank(String question, List<SearchHit> hits) {
    if (hits.size() < 2) {
      return new Ranked(hits, "");
    }
    if (!meter.allows()) {
      return new Ranked(hits, "not reranked: the summarizer's daily token budget of " + meter.dailyTokenBudget()
          + " tokens is spent");
    }
    List<SearchHit> asked = hits.subList(0, Math.min(candidates, hits.size()));
    LlmProvider.Completion answer;
    try {
      answer = provider.complete(SYSTEM, prompt(question, asked));
    } catch (LlmException e) {
      return new Ranked(hits, "not reranked: " + e.getMessage());
    }
    meter.recordRequest(answer.inputTokens(), answer.outputTokens());
    List<Integer> order = ranking(answer.text(), asked.size());
    if (order.isEmpty()) {
      return new Ranked(hits, "not reranked: the model's answer named no passage");
    }
    Set<Integer> positions = new LinkedHashSet<>(order);
    for (int i = 0; i < hits.size(); i++) {
      positions.add(i);
    }
    List<SearchHit> ordered = new ArrayList<>(hits.size());
    positions.forEach(i -> ordered.add(hits.get(i)));
    return new Ranked(ordered, "reranked by " + description);
  }

  private String prompt(String question, List<SearchHit> hits) {
    StringBuilder prompt = new StringBuilder("Question: ").append(question.strip()).append("\n\nPassages:\n");
    for (int i = 0; i < hits.size(); i++) {
      SearchHit hit = hits.get(i);
      String text = hit.snippet().replace("**", "");
      prompt.append('[').append(i + 1).append("] (")
          .append(Instant.ofEpochMilli(hit.timestampMs()).atZone(zone).toLocalDate()).append(") ")
          .append(text.length() > PASSAGE_CHARS ? text.substring(0, PASSAGE_CHARS) + "..." : text).append('\n');
    }
    return prompt.toString();
  }

  /**
   * The 0-based positions the answer ranks, each once, those out of range dropped; empty when the
   * answer holds no {@code ranking} array (some models wrap JSON in prose: the outermost braces count).
   */
  static List<Integer> ranking(String answer, int count) {
    int start = answer.indexOf('{');
    int end = answer.lastIndexOf('}');
    if (start < 0 || end < start) {
      return List.of();
    }
    JsonNode ranking;
    try {
      ranking = HttpJson.JSON.readTree(answer.substring(start, end + 1)).path("ranking");
    } catch (IOException e) {
      return List.of();
    }
    Set<Integer> order = new LinkedHashSet<>();
    for (JsonNode number : ranking) {
      int passage = number.asInt(0); // a number, or a number written as a string
      if (passage >= 1 && passage <= count) {
        order.add(passage - 1);
      }
    }
    return List.copyOf(order);
  }
}
