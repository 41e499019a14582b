package dev.agentmemory.daemon.summarizer;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.storage.CheckpointStore;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.Summarizer;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the summarizers a configuration asks for. Live building always uses the local one (fast,
 * offline: the TOC never waits for a network); with an API provider, closed segments are rewritten
 * by the model later (job {@code segment_summaries}) and rollups use it, falling back to local.
 */
public final class Summarizers {
  private static final Logger LOG = LoggerFactory.getLogger(Summarizers.class);

  /**
   * @param api the API summarizer when one is configured and usable (no fallback inside)
   * @param rollups what rollups use: the API with local fallback, or local
   * @param description provider, model and host, for status output
   * @param rerank the model stage of search, when {@code search.rerank} is on and an API provider is set
   */
  public record Selection(Optional<Summarizer> api, Summarizer rollups, UsageMeter meter, String description,
      Optional<ModelRerank> rerank) {}

  private Summarizers() {}

  /** The local summarizer alone, its (unused) API meter in {@code checkpoints}. */
  public static Selection local(DaemonConfig config, CheckpointStore checkpoints, Clock clock) {
    return new Selection(Optional.empty(), new LocalSummarizer(),
        new UsageMeter(checkpoints, config.summarizer().dailyTokenBudget(), config.toc().zone(), clock), "local",
        Optional.empty());
  }

  public static Selection select(DaemonConfig config, Map<String, String> env, CheckpointStore checkpoints, Clock clock) {
    DaemonConfig.SummarizerConfig settings = config.summarizer();
    UsageMeter meter = new UsageMeter(checkpoints, settings.dailyTokenBudget(), config.toc().zone(), clock);
    Summarizer local = new LocalSummarizer();
    Optional<LlmProvider> provider = provider(settings, env);
    if (provider.isEmpty()) {
      if (config.rerank().enabled()) {
        LOG.warn("search.rerank is on but there is no model to rank with (summarizer.provider is {}): searches keep "
            + "their own order; set summarizer.provider to openai or anthropic", settings.provider());
      }
      return new Selection(Optional.empty(), local, meter, "local", Optional.empty());
    }
    String host = provider.get().host();
    String description = settings.provider() + " (" + model(settings) + " at " + host + ")";
    if (isLocalHost(host)) {
      LOG.info("Summaries are written by {} on this machine", description);
    } else {
      LOG.warn("Summaries send conversation text to {} ({}): set summarizer.provider = \"local\" to keep it on this machine",
          host, description);
    }
    LlmSummarizer api = new LlmSummarizer(provider.get(), settings.maxRetries(), meter);
    return new Selection(Optional.of(api), new FallbackSummarizer(api, local, meter), meter, description,
        rerank(config, env, meter, description));
  }

  /** The model stage of search: the summarizer's provider and model, with the stage's own timeout. */
  private static Optional<ModelRerank> rerank(DaemonConfig config, Map<String, String> env, UsageMeter meter,
      String description) {
    DaemonConfig.RerankConfig rerank = config.rerank();
    if (!rerank.enabled()) {
      return Optional.empty();
    }
    DaemonConfig.SummarizerConfig settings = config.summarizer();
    DaemonConfig.SummarizerConfig bounded = new DaemonConfig.SummarizerConfig(settings.provider(), settings.model(),
        settings.baseUrl(), rerank.timeout(), 0, settings.dailyTokenBudget());
    return provider(bounded, env).map(provider -> {
      if (!isLocalHost(provider.host())) {
        LOG.warn("search.rerank sends the best candidates of each search to {} ({})", provider.host(), description);
      }
      return new ModelRerank(provider, meter, rerank.candidates(), description, config.toc().zone());
    });
  }

  private static Optional<LlmProvider> provider(DaemonConfig.SummarizerConfig settings, Map<String, String> env) {
    // The HTTP client (and its TLS set-up, about 0.4 s) only when an API provider is chosen.
    switch (settings.provider()) {
      case "openai" -> {
        String base = settings.baseUrl().isEmpty() ? OpenAiProvider.DEFAULT_BASE_URL : settings.baseUrl();
        Optional<String> key = key(env, "OPENAI_API_KEY");
        if (key.isEmpty() && !isLocalHost(URI.create(base).getHost())) {
          LOG.warn("Summarizer provider openai needs OPENAI_API_KEY in the daemon's environment and it is not set; "
              + "using the local summarizer");
          return Optional.empty();
        }
        return Optional.of(new OpenAiProvider(new HttpJson(settings.timeout()), base, model(settings), key));
      }
      case "anthropic" -> {
        String base = settings.baseUrl().isEmpty() ? AnthropicProvider.DEFAULT_BASE_URL : settings.baseUrl();
        Optional<String> key = key(env, "ANTHROPIC_API_KEY");
        if (key.isEmpty()) {
          LOG.warn("Summarizer provider anthropic needs ANTHROPIC_API_KEY in the daemon's environment and it is not "
              + "set; using the local summarizer");
          return Optional.empty();
        }
        return Optional.of(new AnthropicProvider(new HttpJson(settings.timeout()), base, model(settings), key.get()));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  static String model(DaemonConfig.SummarizerConfig settings) {
    if (!settings.model().isEmpty()) {
      return settings.model();
    }
    return settings.provider().equals("anthropic") ? "claude-3-5-haiku-latest" : "gpt-4o-mini";
  }

  private static Optional<String> key(Map<String, String> env, String variable) {
    return Optional.ofNullable(env.get(variable)).map(String::trim).filter(value -> !value.isEmpty());
  }

  /** Loopback by its name alone: no DNS lookup (the daemon makes no network call it was not asked to). */
  static boolean isLocalHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.")
        || name.equals("::1") || name.equals("[::1]");
  }
}
