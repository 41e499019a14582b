package dev.agentmemory.toc;

import java.util.List;

/**
 * A summarizer's answer.
 *
 * @param title a short phrase naming the main topic
 * @param summary a short paragraph
 * @param bullets the most informative statements, each citing the events that support it
 * @param keywords distinctive terms, most distinctive first
 */
public record Summary(String title, String summary, List<Bullet> bullets, List<String> keywords) {
  public Summary {
    bullets = List.copyOf(bullets);
    keywords = List.copyOf(keywords);
  }

  /**
   * One statement and its evidence: the events from {@code eventIdStart} to {@code eventIdEnd}.
   *
   * @param excerpt the words of the source that support it
   */
  public record Bullet(String text, String excerpt, String eventIdStart, String eventIdEnd) {}
}
