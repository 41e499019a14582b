package dev.agentmemory.toc;

import java.util.Comparator;

/** One session's events of one day: the unit that is segmented. */
record SessionDay(String sessionId, long epochDay) implements Comparable<SessionDay> {
  private static final Comparator<SessionDay> ORDER =
      Comparator.comparingLong(SessionDay::epochDay).thenComparing(SessionDay::sessionId);

  @Override
  public int compareTo(SessionDay other) {
    return ORDER.compare(this, other);
  }
}
