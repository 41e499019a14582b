package dev.agentmemory.storage;

import dev.agentmemory.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * What readers of the table of contents need from a store: nodes, grips, events and the session
 * index. An interface, so the query layer can be tested against a map as well as against RocksDB.
 */
public interface TocReader {
  /** Latest linked versions of every node of {@code level}, in id (time) order. */
  List<TocNode> latestOfLevel(TocLevel level);

  /** The latest version of a linked node. */
  Optional<TocNode> node(String nodeId);

  /** The latest versions of the linked nodes among {@code nodeIds}, in their order, at once. */
  List<TocNode> nodes(List<String> nodeIds);

  Optional<Grip> grip(String gripId);

  Optional<Event> event(String eventId);

  Optional<Event> event(EventKey key);

  /** A session's events with source times in {@code [fromMs, toMs]}, in log order. */
  List<SessionEntry> session(String sessionId, long fromMs, long toMs);

  /** Up to {@code count} events of the session just before {@code event}, in log order. */
  List<SessionEntry> sessionBefore(String sessionId, EventKey event, int count);

  /** Up to {@code count} events of the session just after {@code event}, in log order. */
  List<SessionEntry> sessionAfter(String sessionId, EventKey event, int count);
}
