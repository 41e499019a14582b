package dev.agentmemory.daemon;

import dev.agentmemory.daemon.config.DaemonConfig;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.toc.LocalSummarizer;
import dev.agentmemory.toc.TocBuilder;
import dev.agentmemory.toc.TocConfig;
import dev.agentmemory.toc.TokenCounter;

/**
 * The TOC builder a configuration asks for. The daemon and the offline admin commands both use
 * it, so a rebuild with the daemon stopped gives the TOC the daemon would have built.
 */
public final class TocSetup {
  private TocSetup() {}

  /** The builder of live segments: always the local summarizer, so building never waits on a network. */
  public static TocBuilder builder(MemoryStore store, DaemonConfig config) {
    return new TocBuilder(store, tocConfig(config), new LocalSummarizer(), TokenCounter.shared());
  }

  static TocConfig tocConfig(DaemonConfig config) {
    DaemonConfig.TocSettings toc = config.toc();
    return new TocConfig(toc.zone(), toc.segmentGap(), toc.segmentMaxTokens(), toc.overlapTime(),
        toc.overlapTokens(), toc.toolResultChars());
  }
}
