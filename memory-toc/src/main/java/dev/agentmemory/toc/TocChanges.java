package dev.agentmemory.toc;

import dev.agentmemory.event.Event;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.SegmentState;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocIndexStore;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.storage.TocStore;
import dev.agentmemory.storage.WriteTx;
import dev.agentmemory.storage.Checkpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one build step changes, held in memory and read through (so later parts of the step
 * see earlier ones), then written in one atomic batch. A crash before {@link #writeTo} leaves
 * the store as if the step never started.
 */
final class TocChanges {
  static final String EVENT_COUNTER = "events";


  private final MemoryStore store;
  private final Map<String, TocNode> nodes = new LinkedHashMap<>();
  private final Set<String> unlinked = new HashSet<>();
  private final Map<String, Integer> lastVersions = new HashMap<>();
  private final List<Grip> grips = new ArrayList<>();
  private final List<SessionEntry> addedEntries = new ArrayList<>();
  private final Map<SessionDay, List<SessionEntry>> addedBySessionDay = new HashMap<>();
  private final List<SessionEntry> removedEntries = new ArrayList<>();
  private final Map<EventKey, Event> addedEvents = new HashMap<>();
  private final Map<SegmentKey, SegmentState> putStates = new LinkedHashMap<>();
  private final Map<SegmentKey, SegmentState> deletedStates = new LinkedHashMap<>();
  private long eventDelta;
  private long nodeDelta;
  private final Set<String> newGrips = new HashSet<>();

  TocChanges(MemoryStore store) {
    this.store = store;
  }

  // --- nodes ---------------------------------------------------------------------------------

  /** The node as this step leaves it: written here, unlinked here, or as stored. */
  Optional<TocNode> node(String nodeId) {
    if (unlinked.contains(nodeId)) {
      return Optional.empty();
    }
    TocNode written = nodes.get(nodeId);
    return written != null ? Optional.of(written) : store.toc().latest(nodeId);
  }

  /** Writes {@code node} as the next version, unless its content equals the current one. */
  void write(TocNode node) {
    Optional<TocNode> current = node(node.nodeId());
    if (current.isPresent() && current.get().sameContent(node)) {
      return;
    }
    if (current.isEmpty()) {
      nodeDelta++;
    }
    int version = lastVersion(node.nodeId()) + 1;
    nodes.put(node.nodeId(), node.withVersion(version));
    lastVersions.put(node.nodeId(), version);
    unlinked.remove(node.nodeId());
  }

  void unlink(String nodeId) {
    if (node(nodeId).isPresent()) {
      nodeDelta--;
      nodes.remove(nodeId);
      unlinked.add(nodeId);
    }
  }

  void addGrip(Grip grip) {
    grips.add(grip);
    if (!newGrips.contains(grip.gripId()) && store.toc().grip(grip.gripId()).isEmpty()) {
      newGrips.add(grip.gripId());
    }
  }

  private int lastVersion(String nodeId) {
    Integer known = lastVersions.get(nodeId);
    return known != null ? known : store.toc().lastVersion(nodeId);
  }

  // --- events and the session index ------------------------------------------------------------

  void addEntry(SessionEntry entry, SessionDay sessionDay, Event event) {
    addedEntries.add(entry);
    addedBySessionDay.computeIfAbsent(sessionDay, k -> new ArrayList<>()).add(entry);
    addedEvents.put(entry.eventKey(), event);
    eventDelta++;
  }

  void removeEntry(SessionEntry entry) {
    removedEntries.add(entry);
    eventDelta--;
  }

  boolean isAdded(EventKey key) {
    return addedEvents.containsKey(key);
  }

  /** An event by log key: one added in this step, or a stored one. */
  Optional<Event> event(EventKey key) {
    Event added = addedEvents.get(key);
    return added != null ? Optional.of(added) : store.events().get(key);
  }

  List<SessionEntry> addedEntries() {
    return Collections.unmodifiableList(addedEntries);
  }

  /** The entries this step adds to one session-day. */
  List<SessionEntry> addedEntries(SessionDay sessionDay) {
    return addedBySessionDay.getOrDefault(sessionDay, List.of());
  }

  // --- segments ------------------------------------------------------------------------------

  void putSegment(SegmentState state) {
    SegmentKey key = SegmentKey.of(state);
    deletedStates.remove(key);
    putStates.put(key, state);
  }

  void deleteSegment(SegmentState state) {
    SegmentKey key = SegmentKey.of(state);
    putStates.remove(key);
    deletedStates.put(key, state);
  }

  /** Segment node ids of a day, in start order, as this step leaves them. */
  List<String> daySegments(long epochDay) {
    TreeMap<EventKey, String> byStart = new TreeMap<>(store.tocIndex().daySegments(epochDay));
    deletedStates.values().stream().filter(s -> s.epochDay() == epochDay).forEach(s -> byStart.remove(s.first()));
    putStates.values().stream().filter(s -> s.epochDay() == epochDay).forEach(s -> byStart.put(s.first(), s.nodeId()));
    return new ArrayList<>(byStart.values());
  }

  /** Writes every change, plus whatever {@code extra} adds, in {@code batch}. */
  void writeTo(WriteTx tx) {
    removedEntries.forEach(entry -> store.tocIndex().delete(tx, entry));
    addedEntries.forEach(entry -> store.tocIndex().put(tx, entry));
    deletedStates.values().forEach(state -> store.tocIndex().delete(tx, state));
    putStates.values().forEach(state -> store.tocIndex().put(tx, state));
    grips.forEach(grip -> store.toc().putGrip(tx, grip));
    nodes.values().forEach(node -> store.toc().put(tx, node));
    unlinked.forEach(nodeId -> store.toc().unlink(tx, nodeId));
    if (eventDelta != 0) {
      store.tocIndex().putCounter(tx, EVENT_COUNTER, store.tocIndex().counter(EVENT_COUNTER) + eventDelta);
    }
    if (nodeDelta != 0) {
      store.tocIndex().putCounter(tx, TocIndexStore.NODE_COUNTER, store.tocIndex().counter(TocIndexStore.NODE_COUNTER) + nodeDelta);
    }
    if (!newGrips.isEmpty()) {
      store.checkpoints().put(tx, Checkpoint.GRIPS_COUNT,
          store.checkpoints().get(Checkpoint.GRIPS_COUNT).orElse(0L) + newGrips.size());
    }
  }

  private record SegmentKey(String sessionId, long epochDay, EventKey first) {
    static SegmentKey of(SegmentState state) {
      return new SegmentKey(state.sessionId(), state.epochDay(), state.first());
    }
  }
}
