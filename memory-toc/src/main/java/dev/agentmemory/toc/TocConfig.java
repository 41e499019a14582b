package dev.agentmemory.toc;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How the table of contents is cut and bucketed.
 *
 * @param zone time zone of day, week, month and year buckets ("Tuesday" is the user's Tuesday)
 * @param segmentGap a quiet gap longer than this starts a new segment
 * @param segmentMaxTokens a segment never grows beyond this many cl100k tokens (an event larger
 *     than that is a segment of its own)
 * @param overlapTime how far back the previous segment's tail is given to the summarizer
 * @param overlapTokens at most this many tokens of that tail
 * @param toolResultChars tool results are counted and summarized from this many leading characters
 */
public record TocConfig(
    ZoneId zone,
    Duration segmentGap,
    int segmentMaxTokens,
    Duration overlapTime,
    int overlapTokens,
    int toolResultChars) {

  /** Other texts are summarized from at most this many characters. */
  public static final int MAX_TEXT_CHARS = 16_000;

  public static TocConfig defaults(ZoneId zone) {
    return new TocConfig(zone, Duration.ofMinutes(30), 4000, Duration.ofMinutes(5), 500, 2000);
  }
}
