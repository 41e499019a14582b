package dev.agentmemory.event;

/** Author roles with their wire numbers. Stored as numbers, so unknown future roles survive. */
public enum EventRole {
  UNSPECIFIED(0),
  USER(1),
  ASSISTANT(2),
  SYSTEM(3),
  TOOL(4);

  private final int number;

  EventRole(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
