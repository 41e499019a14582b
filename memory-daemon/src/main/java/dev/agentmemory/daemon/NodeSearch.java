package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.storage.TocReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Search inside the table of contents without any index (search-protocol.md "TOC-local search"):
 * the share of the query's words found in a node's title, summary, bullets or keywords.
 */
public final class NodeSearch {
  /** The parts of a node searched. */
  public enum Field { TITLE, SUMMARY, BULLETS, KEYWORDS }

  /** A match in one part of a node; bullets carry their grips. */
  public record Match(Field field, String text, List<String> gripIds, float score) {}

  /** A node that matched, and how well (the best of its matches). */
  public record Result(TocNode node, List<Match> matches, float score) {}

  private final TocReader toc;

  public NodeSearch(TocReader toc) {
    this.toc = toc;
  }

  /**
   * The matches of {@code query} in node {@code nodeId}; empty when the node is unknown.
   *
   * @param tokenBudget at most this many tokens of match text (0 or less: no bound)
   */
  public Optional<Result> inNode(String nodeId, String query, Set<Field> fields, int limit, int tokenBudget) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new InvalidArgumentException("node_id must not be empty");
    }
    return toc.node(nodeId.trim()).map(node -> within(match(node, words(query), fields, limit), new TokenBudget(tokenBudget)));
  }

  /**
   * The children of {@code parentId} (or, when blank, the nodes of {@code level}, years by
   * default) that match, best first; {@code hasMore} when more matched than {@code limit}.
   */
  public Page inChildren(String parentId, TocLevel level, String query, Set<Field> fields, int limit, int tokenBudget) {
    List<TocNode> children = parentId == null || parentId.isBlank()
        ? toc.latestOfLevel(level == null ? TocLevel.YEAR : level)
        : toc.node(parentId.trim()).map(parent -> toc.nodes(parent.childNodeIds())).orElse(List.of());
    Set<String> words = words(query);
    List<Result> results = new ArrayList<>();
    for (TocNode child : children) {
      Result result = match(child, words, fields, Integer.MAX_VALUE);
      if (!result.matches().isEmpty()) {
        results.add(result);
      }
    }
    results.sort(Comparator.comparingDouble(Result::score).reversed());
    int size = limit <= 0 ? 10 : limit;
    TokenBudget budget = new TokenBudget(tokenBudget);
    List<Result> page = new ArrayList<>();
    for (Result result : results.subList(0, Math.min(size, results.size()))) {
      Result fitted = within(result, budget);
      if (!fitted.matches().isEmpty()) {
        page.add(fitted);
      }
    }
    return new Page(page, results.size() > page.size());
  }

  /** The result with the matches that fit {@code budget}, best first. */
  private static Result within(Result result, TokenBudget budget) {
    List<Match> kept = new ArrayList<>();
    result.matches().forEach(match -> budget.take(match).ifPresent(kept::add));
    return new Result(result.node(), List.copyOf(kept), result.score());
  }

  /** Matching children, best first. */
  public record Page(List<Result> results, boolean hasMore) {}

  private static Result match(TocNode node, Set<String> words, Set<Field> fields, int limit) {
    List<Match> matches = new ArrayList<>();
    if (!words.isEmpty()) {
      Set<Field> wanted = fields.isEmpty() ? Set.of(Field.values()) : fields;
      if (wanted.contains(Field.TITLE)) {
        add(matches, Field.TITLE, node.title(), List.of(), words);
      }
      if (wanted.contains(Field.SUMMARY) && node.summary() != null) {
        add(matches, Field.SUMMARY, node.summary(), List.of(), words);
      }
      if (wanted.contains(Field.BULLETS)) {
        for (TocBullet bullet : node.bullets()) {
          add(matches, Field.BULLETS, bullet.text(), bullet.gripIds(), words);
        }
      }
      if (wanted.contains(Field.KEYWORDS)) {
        add(matches, Field.KEYWORDS, String.join(", ", node.keywords()), List.of(), words);
      }
    }
    matches.sort(Comparator.comparingDouble(Match::score).reversed());
    List<Match> kept = matches.subList(0, Math.min(limit <= 0 ? 10 : limit, matches.size()));
    return new Result(node, List.copyOf(kept), kept.isEmpty() ? 0 : kept.get(0).score());
  }

  private static void add(List<Match> matches, Field field, String text, List<String> grips, Set<String> words) {
    Set<String> found = words(text);
    long shared = words.stream().filter(found::contains).count();
    if (shared > 0) {
      matches.add(new Match(field, text, grips, (float) shared / words.size()));
    }
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String word : (text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
      if (word.length() > 1) {
        words.add(word);
      }
    }
    return words;
  }
}
