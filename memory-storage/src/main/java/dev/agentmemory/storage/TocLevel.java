package dev.agentmemory.storage;

import java.util.Locale;

/** Levels of the table of contents with their wire numbers; each level has an id prefix. */
public enum TocLevel {
  YEAR(1),
  MONTH(2),
  WEEK(3),
  DAY(4),
  SEGMENT(5);

  private final int number;

  TocLevel(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** {@code toc:year:}, {@code toc:segment:}, ...: every node id of this level starts with it. */
  public String idPrefix() {
    return "toc:" + name().toLowerCase(Locale.ROOT) + ":";
  }

  public static TocLevel ofNumber(int number) {
    for (TocLevel level : values()) {
      if (level.number == number) {
        return level;
      }
    }
    throw new StorageInconsistencyException("Expected a TOC level number 1-5, but found " + number);
  }
}
