package dev.agentmemory.daemon.grpc;

import dev.agentmemory.proto.RebuildTocProgress;
import dev.agentmemory.toc.TocRebuilder;

/** Progress messages of a TOC rebuild, the same whether the daemon or the CLI does the work. */
public final class RebuildMessages {
  private RebuildMessages() {}

  public static RebuildTocProgress of(TocRebuilder.Plan plan, long done, boolean finished) {
    return RebuildTocProgress.newBuilder()
        .setEventsTotal(plan.events())
        .setEventsDone(done)
        .setFirstTimestampMs(plan.firstTimestampMs())
        .setLastTimestampMs(plan.lastTimestampMs())
        .setFinished(finished)
        .build();
  }
}
