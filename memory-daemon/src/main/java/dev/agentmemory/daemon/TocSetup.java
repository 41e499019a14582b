package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.Summarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TokenCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TOC builder a configuration asks for. The daemon and the offline admin commands both use
 * it, so a rebuild with the daemon stopped gives the TOC the daemon would have built.
 */
public final class TocSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TocSetup.class);

  private TocSetup() {}

  public static TocBuilder builder(MemoryStore store, DaemonConfig config) {
    return new TocBuilder(store, tocConfig(config), summarizer(config), new TokenCounter());
  }

  static TocConfig tocConfig(DaemonConfig config) {
    DaemonConfig.TocSettings toc = config.toc();
    return new TocConfig(toc.zone(), toc.segmentGap(), toc.segmentMaxTokens(), toc.overlapTime(),
        toc.overlapTokens(), toc.toolResultChars());
  }

  static Summarizer summarizer(DaemonConfig config) {
    String provider = config.summarizer().provider();
    if (!provider.equals("local")) {
      LOG.warn("Summarizer provider '{}' is not available in this version; using the local summarizer", provider);
    }
    return new LocalSummarizer();
  }
}
