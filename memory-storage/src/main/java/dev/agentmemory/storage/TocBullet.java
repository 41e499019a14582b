package dev.agentmemory.storage;

import java.util.List;

/** One statement of a node's summary, with the grips (evidence) that support it. */
public record TocBullet(String text, List<String> gripIds) {
  public TocBullet {
    gripIds = List.copyOf(gripIds);
  }
}
