package dev.agentmemory.event;

/** Event types with their wire numbers. Stored as numbers, so unknown future types survive. */
public enum EventType {
  UNSPECIFIED(0),
  SESSION_START(1),
  USER_MESSAGE(2),
  ASSISTANT_MESSAGE(3),
  TOOL_RESULT(4),
  ASSISTANT_STOP(5),
  SUBAGENT_START(6),
  SUBAGENT_STOP(7),
  SESSION_END(8);

  private final int number;

  EventType(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
