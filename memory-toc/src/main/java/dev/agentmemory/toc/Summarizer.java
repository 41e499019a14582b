package dev.agentmemory.toc;

/**
 * Writes the title, summary, bullets and keywords of a segment from its events. The local,
 * offline implementation is the default; API-backed providers plug in here.
 */
public interface Summarizer {
  /**
   * Summarizes {@code request.events()}. Bullets cite events of the request only, by id; the
   * builder turns those citations into grips and drops any that cite something else.
   */
  Summary summarize(SummaryRequest request);
}
