package dev.agentmemory.cli;

/** A number with its noun, singular for one: "1 result", "3 results". */
public final class Count {
  private Count() {}

  /** {@code n} and {@code noun}, which takes an "s" unless {@code n} is 1. */
  public static String of(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
