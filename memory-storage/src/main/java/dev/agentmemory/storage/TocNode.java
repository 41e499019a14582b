package dev.agentmemory.storage;

import java.util.List;
import java.util.Objects;

/**
 * One version of a node of the table of contents.
 *
 * @param summary the summary paragraph, or null when the node has none (yet)
 * @param startTimeMs first millisecond the node covers
 * @param endTimeMs last millisecond the node covers (inclusive)
 * @param version 1 for the first version; every change stores the next one
 */
public record TocNode(
    String nodeId,
    TocLevel level,
    String title,
    String summary,
    List<TocBullet> bullets,
    List<String> keywords,
    List<String> childNodeIds,
    long startTimeMs,
    long endTimeMs,
    int version) {

  public TocNode {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(title, "title");
    bullets = List.copyOf(bullets);
    keywords = List.copyOf(keywords);
    childNodeIds = List.copyOf(childNodeIds);
  }

  /** The same content as a new version. */
  public TocNode withVersion(int newVersion) {
    return new TocNode(nodeId, level, title, summary, bullets, keywords, childNodeIds, startTimeMs, endTimeMs, newVersion);
  }

  /** True when everything but the version is equal: no new version is needed. */
  public boolean sameContent(TocNode other) {
    return other != null && withVersion(0).equals(other.withVersion(0));
  }
}
