package dev.agentmemory.daemon.grpc;

import dev.agentmemory.daemon.operations.IndexRebuildProgress;
import dev.agentmemory.daemon.operations.TocRebuildProgress;
import dev.agentmemory.proto.RebuildIndexProgress;
import dev.agentmemory.proto.RebuildTocProgress;

/** Progress of the rebuilds on the wire. */
final class RebuildMessages {
  private RebuildMessages() {}

  static RebuildTocProgress of(TocRebuildProgress progress) {
    return RebuildTocProgress.newBuilder()
        .setEventsTotal(progress.plan().events())
        .setEventsDone(progress.done())
        .setFirstTimestampMs(progress.plan().firstTimestampMs())
        .setLastTimestampMs(progress.plan().lastTimestampMs())
        .setFinished(progress.finished())
        .build();
  }

  static RebuildIndexProgress of(IndexRebuildProgress progress) {
    return RebuildIndexProgress.newBuilder().setEventsDone(progress.done()).setEventsTotal(progress.total())
        .setFinished(progress.finished()).setPendingVectors(progress.pendingVectors()).build();
  }
}
