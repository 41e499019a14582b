package dev.agentmemory.daemon.summarizer;

/** One chat completion of an API: a system prompt and a user prompt in, text and usage out. */
public interface LlmProvider {
  /** Sends one request (no retries here). */
  Completion complete(String system, String user);

  /** The host summaries are sent to, for the privacy notice. */
  String host();

  /** The text answered and the tokens the provider counted. */
  record Completion(String text, long inputTokens, long outputTokens) {}
}
