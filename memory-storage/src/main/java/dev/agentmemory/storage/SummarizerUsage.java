package dev.agentmemory.storage;

/** One day's use of an API summarizer, as the provider reports it. */
public record SummarizerUsage(long requests, long inputTokens, long outputTokens, long fallbacks) {
  public static final SummarizerUsage NONE = new SummarizerUsage(0, 0, 0, 0);

  public long tokens() {
    return inputTokens + outputTokens;
  }
}
