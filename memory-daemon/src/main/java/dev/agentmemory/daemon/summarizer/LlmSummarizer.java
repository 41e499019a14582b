package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.toc.Summarizer;
import dev.agentmemory.toc.Summary;
import dev.agentmemory.toc.SummaryRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Summaries written by an LLM: a bounded prompt, retries with exponential backoff and jitter on
 * 429, 5xx and timeouts (honouring Retry-After), a strict parse of the answer, and grips matched to
 * the source events. Fails with {@link LlmException} (over budget, provider down, malformed
 * answer); the caller falls back to the local summarizer.
 */
public final class LlmSummarizer implements Summarizer {
  private static final Logger LOG = LoggerFactory.getLogger(LlmSummarizer.class);
  private static final Duration BASE_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final LlmProvider provider;
  private final int maxRetries;
  private final UsageMeter meter;

  public LlmSummarizer(LlmProvider provider, int maxRetries, UsageMeter meter) {
    this.provider = provider;
    this.maxRetries = maxRetries;
    this.meter = meter;
  }

  @Override
  public Summary summarize(SummaryRequest request) {
    if (request.events().isEmpty()) {
      throw new LlmException("nothing to summarize", false);
    }
    if (!meter.allows()) {
      throw new LlmException("over the daily token budget of " + meter.dailyTokenBudget() + " tokens", false);
    }
    LlmProvider.Completion completion = withRetries(SummaryPrompt.SYSTEM, SummaryPrompt.user(request));
    meter.recordRequest(completion.inputTokens(), completion.outputTokens());
    SummaryParser.Parsed parsed = SummaryParser.parse(completion.text());
    List<Summary.Bullet> bullets = new ArrayList<>();
    for (String bullet : parsed.bullets()) {
      EvidenceMatcher.Evidence evidence = EvidenceMatcher.match(bullet, request.events());
      bullets.add(new Summary.Bullet(bullet, evidence.excerpt(), evidence.event().eventId(), evidence.event().eventId()));
    }
    return new Summary(parsed.title(), parsed.summary(), bullets, parsed.keywords());
  }

  public String host() {
    return provider.host();
  }

  private LlmProvider.Completion withRetries(String system, String user) {
    for (int attempt = 0; ; attempt++) {
      try {
        return provider.complete(system, user);
      } catch (LlmException e) {
        if (!e.retryable() || attempt >= maxRetries) {
          throw e;
        }
        long exponential = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << attempt);
        long wait = Math.min(MAX_BACKOFF.toMillis(),
            Math.max(e.retryAfterMs(), exponential + ThreadLocalRandom.current().nextLong(exponential / 2 + 1)));
        LOG.debug("Summarizer request failed ({}); retry {} of {} in {} ms", e.getMessage(), attempt + 1, maxRetries, wait);
        sleep(wait);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted while waiting to retry", false, 0, e);
    }
  }
}
