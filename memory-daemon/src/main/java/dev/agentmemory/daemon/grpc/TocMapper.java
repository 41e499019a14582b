package dev.agentmemory.daemon.grpc;

import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetTocRootResponse;
import dev.agentmemory.proto.Grip;
import dev.agentmemory.proto.TocBullet;
import dev.agentmemory.proto.TocLevel;
import dev.agentmemory.proto.TocNode;
import dev.agentmemory.toc.TocQuery;
import dev.agentmemory.wire.EventMessages;
import java.util.List;

/** Wire forms of the table of contents. */
final class TocMapper {
  private TocMapper() {}

  static TocNode toProto(dev.agentmemory.storage.TocNode node) {
    TocNode.Builder proto = TocNode.newBuilder()
        .setNodeId(node.nodeId())
        .setLevel(TocLevel.forNumber(node.level().number()))
        .setTitle(node.title())
        .addAllKeywords(node.keywords())
        .addAllChildNodeIds(node.childNodeIds())
        .setStartTimeMs(node.startTimeMs())
        .setEndTimeMs(node.endTimeMs())
        .setVersion(node.version());
    if (node.summary() != null) {
      proto.setSummary(node.summary());
    }
    for (dev.agentmemory.storage.TocBullet bullet : node.bullets()) {
      proto.addBullets(TocBullet.newBuilder().setText(bullet.text()).addAllGripIds(bullet.gripIds()));
    }
    return proto.build();
  }

  static GetTocRootResponse root(List<dev.agentmemory.storage.TocNode> years) {
    GetTocRootResponse.Builder response = GetTocRootResponse.newBuilder();
    years.forEach(year -> response.addNodes(toProto(year)));
    return response.build();
  }

  static BrowseTocResponse page(TocQuery.Page page) {
    BrowseTocResponse.Builder response = BrowseTocResponse.newBuilder().setHasMore(page.hasMore());
    page.children().forEach(child -> response.addChildren(toProto(child)));
    page.continuationToken().ifPresent(response::setContinuationToken);
    return response.build();
  }

  static ExpandGripResponse expansion(TocQuery.GripExpansion expansion) {
    dev.agentmemory.storage.Grip grip = expansion.grip();
    ExpandGripResponse.Builder response = ExpandGripResponse.newBuilder().setGrip(Grip.newBuilder()
        .setGripId(grip.gripId())
        .setExcerpt(grip.excerpt())
        .setEventIdStart(grip.eventIdStart())
        .setEventIdEnd(grip.eventIdEnd())
        .setTimestampMs(grip.timestampMs())
        .setSource(grip.source()));
    expansion.before().forEach(event -> response.addEventsBefore(EventMessages.toProto(event)));
    expansion.excerpt().forEach(event -> response.addExcerptEvents(EventMessages.toProto(event)));
    expansion.after().forEach(event -> response.addEventsAfter(EventMessages.toProto(event)));
    return response.build();
  }

  static ExpandGripResponse expansion(TocQuery.EventExpansion expansion) {
    ExpandGripResponse.Builder response = ExpandGripResponse.newBuilder()
        .addExcerptEvents(EventMessages.toProto(expansion.event()));
    expansion.before().forEach(event -> response.addEventsBefore(EventMessages.toProto(event)));
    expansion.after().forEach(event -> response.addEventsAfter(EventMessages.toProto(event)));
    return response.build();
  }

  static TocLevel level(dev.agentmemory.storage.TocLevel level) {
    return TocLevel.forNumber(level.number());
  }

  /** The storage level of a wire level; UNSPECIFIED is none. */
  static dev.agentmemory.storage.TocLevel level(TocLevel level) {
    for (dev.agentmemory.storage.TocLevel candidate : dev.agentmemory.storage.TocLevel.values()) {
      if (candidate.number() == level.getNumber()) {
        return candidate;
      }
    }
    return null;
  }
}
