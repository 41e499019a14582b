package dev.agentmemory.search;

import java.util.regex.Pattern;

/**
 * How a time named in a question weighs a hit. The period it names comes first; what lies outside
 * still counts, less: a phrase in a question dates what it asks about, and "what came of the plan
 * we made last week?" asks about what followed it, so hits after the period keep nearly their
 * whole score when the question asks about consequences, outcomes or what happened since.
 */
final class TimePreference {
  /** Outside the period. */
  static final double OUTSIDE = 0.5;
  /** After the period, when the question asks what followed. */
  static final double AFTER = 0.9;
  private static final Pattern FOLLOWED = Pattern.compile(
      "(?i)\\b(since|after|afterwards|later|still|came of|come of|become of|outcome|results?|resulted|"
          + "follow(ed|s|ing)?[- ]?up|happened next|turned out|end(ed)? up|so far|anymore|any more)\\b");

  private TimePreference() {}

  /** @param followed whether the question asks what followed ({@link #asksWhatFollowed}) */
  static double weight(TimePhrases.Found period, boolean followed, long timestampMs) {
    if (timestampMs >= period.startMs() && timestampMs < period.endMs()) {
      return 1.0;
    }
    return timestampMs >= period.endMs() && followed ? AFTER : OUTSIDE;
  }

  /** Whether {@code question} asks about consequences, outcomes or what happened since. */
  static boolean asksWhatFollowed(String question) {
    return FOLLOWED.matcher(question).find();
  }
}
