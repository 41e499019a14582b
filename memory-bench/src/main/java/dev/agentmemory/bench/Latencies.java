package dev.agentmemory.bench;

import java.util.Arrays;

/** Percentiles of measured durations (nanoseconds in, milliseconds out). */
final class Latencies {
  private final long[] nanos;
  private int size;

  Latencies(int capacity) {
    nanos = new long[capacity];
  }

  void add(long value) {
    nanos[size++] = value;
  }

  double percentileMs(double percentile) {
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.ceil(percentile / 100.0 * size) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
