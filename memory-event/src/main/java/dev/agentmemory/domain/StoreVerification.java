package dev.agentmemory.domain;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link MemoryStore#verify()} found: the counts it checked and each problem, in words.
 *
 * @param problems empty when the store is sound
 */
public record StoreVerification(Path store, long events, long tocNodes, long grips, List<String> problems) {
  public StoreVerification {
    problems = List.copyOf(problems);
  }

  public boolean sound() {
    return problems.isEmpty();
  }
}
