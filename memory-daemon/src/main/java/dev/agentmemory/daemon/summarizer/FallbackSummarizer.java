package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.toc.Summarizer;
import dev.agentmemory.toc.Summary;
import dev.agentmemory.toc.SummaryRequest;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API summarizer that never blocks the TOC: when it fails (provider down, over budget, bad
 * answer) the local summarizer writes the summary instead, the fallback is counted, and the
 * failure is logged at most once a minute.
 */
public final class FallbackSummarizer implements Summarizer {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackSummarizer.class);
  private static final long LOG_EVERY_MS = 60_000;

  private final Summarizer primary;
  private final Summarizer fallback;
  private final UsageMeter meter;
  private final AtomicLong lastLogged = new AtomicLong();

  public FallbackSummarizer(Summarizer primary, Summarizer fallback, UsageMeter meter) {
    this.primary = primary;
    this.fallback = fallback;
    this.meter = meter;
  }

  @Override
  public Summary summarize(SummaryRequest request) {
    try {
      return primary.summarize(request);
    } catch (RuntimeException e) {
      meter.recordFallback();
      long now = System.currentTimeMillis();
      long last = lastLogged.get();
      if (now - last > LOG_EVERY_MS && lastLogged.compareAndSet(last, now)) {
        LOG.warn("Expected the summarizer API to summarize {}, but {}; using the local summarizer (logged at most once a minute)",
            request.nodeId(), e.getMessage());
      }
      return fallback.summarize(request);
    }
  }
}
