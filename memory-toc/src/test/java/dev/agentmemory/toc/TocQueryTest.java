package dev.agentmemory.toc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.storage.TocReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The query layer against a reader made of maps: no RocksDB. */
class TocQueryTest {
  private final MapReader reader = new MapReader();
  private final TocQuery query = new TocQuery(reader);

  private static TocNode node(String id, TocLevel level, List<String> children) {
    return new TocNode(id, level, id, null, List.of(), List.of(), children, 0, 0, 1);
  }

  @Test
  void shouldListYearsNewestFirst_andPageThroughChildrenOldestFirst() {
    // given: two years, one of them with five months (one unlinked, so unknown to the reader)
    reader.put(node("toc:year:2025", TocLevel.YEAR, List.of()));
    reader.put(node("toc:year:2026", TocLevel.YEAR,
        List.of("toc:month:2026-01", "toc:month:2026-02", "toc:month:2026-03", "toc:month:2026-04", "toc:month:gone")));
    for (String month : List.of("2026-01", "2026-02", "2026-03", "2026-04")) {
      reader.put(node("toc:month:" + month, TocLevel.MONTH, List.of()));
    }

    // when
    List<String> root = query.root().stream().map(TocNode::nodeId).toList();
    TocQuery.Page first = query.browse("toc:year:2026", 2, null);
    TocQuery.Page second = query.browse("toc:year:2026", 2, first.continuationToken().orElseThrow());
    TocQuery.Page last = query.browse("toc:year:2026", 2, second.continuationToken().orElseThrow());
    TocQuery.Page years = query.browse("", 1, null);

    // then
    assertThat(root).containsExactly("toc:year:2026", "toc:year:2025");
    assertThat(first.children()).extracting(TocNode::nodeId).containsExactly("toc:month:2026-01", "toc:month:2026-02");
    assertThat(second.children()).extracting(TocNode::nodeId).containsExactly("toc:month:2026-03", "toc:month:2026-04");
    assertThat(last.children()).isEmpty();
    assertThat(last.hasMore()).isFalse();
    assertThat(years.children()).extracting(TocNode::nodeId).containsExactly("toc:year:2025");
    assertThat(years.hasMore()).isTrue();
    assertThat(query.browse("toc:year:1999", 10, null).children()).isEmpty();
    assertThatThrownBy(() -> query.browse("toc:year:2026", 2, "not a token")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void shouldExpandAGripWithTheEventsAroundItInItsSession() {
    // given: a session of five events and a grip on the third
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Event event = new Event("01KDV92TG0K4C5ME89BN0S41A" + i, "s", 1_000L + i, EventType.USER_MESSAGE.number(),
          EventRole.USER.number(), "message " + i, Map.of(), "claude");
      events.add(event);
      reader.put(event);
    }
    reader.put(new Grip("g1", "message 2", events.get(2).eventId(), events.get(2).eventId(), 1_002L, "toc:segment:x"));

    // when
    TocQuery.GripExpansion expansion = query.expand("g1", 1, 5).orElseThrow();

    // then
    assertThat(expansion.before()).extracting(Event::text).containsExactly("message 1");
    assertThat(expansion.excerpt()).extracting(Event::text).containsExactly("message 2");
    assertThat(expansion.after()).extracting(Event::text).containsExactly("message 3", "message 4");
    assertThat(query.expand("unknown", null, null)).isEmpty();
    assertThatThrownBy(() -> query.expand("g1", -1, null)).isInstanceOf(InvalidArgumentException.class);
  }

  /** A {@link TocReader} over maps. */
  private static final class MapReader implements TocReader {
    private final Map<String, TocNode> nodes = new TreeMap<>();
    private final Map<String, Grip> grips = new TreeMap<>();
    private final TreeMap<EventKey, Event> events = new TreeMap<>();

    void put(TocNode node) {
      nodes.put(node.nodeId(), node);
    }

    void put(Grip grip) {
      grips.put(grip.gripId(), grip);
    }

    void put(Event event) {
      events.put(EventKey.of(event), event);
    }

    @Override
    public List<TocNode> latestOfLevel(TocLevel level) {
      return nodes.values().stream().filter(node -> node.level() == level).toList();
    }

    @Override
    public Optional<TocNode> node(String nodeId) {
      return Optional.ofNullable(nodes.get(nodeId));
    }

    @Override
    public List<TocNode> nodes(List<String> nodeIds) {
      return nodeIds.stream().map(nodes::get).filter(node -> node != null).toList();
    }

    @Override
    public Optional<Grip> grip(String gripId) {
      return Optional.ofNullable(grips.get(gripId));
    }

    @Override
    public Optional<Event> event(String eventId) {
      return events.values().stream().filter(event -> event.eventId().equals(eventId)).findFirst();
    }

    @Override
    public Optional<Event> event(EventKey key) {
      return Optional.ofNullable(events.get(key));
    }

    @Override
    public List<SessionEntry> session(String sessionId, long fromMs, long toMs) {
      return entries(sessionId).stream().filter(e -> e.timestampMs() >= fromMs && e.timestampMs() <= toMs).toList();
    }

    @Override
    public List<SessionEntry> sessionBefore(String sessionId, EventKey event, int count) {
      List<SessionEntry> before = entries(sessionId).stream().filter(e -> e.eventKey().compareTo(event) < 0).toList();
      return before.subList(Math.max(0, before.size() - count), before.size());
    }

    @Override
    public List<SessionEntry> sessionAfter(String sessionId, EventKey event, int count) {
      return entries(sessionId).stream().filter(e -> e.eventKey().compareTo(event) > 0).limit(count).toList();
    }

    private List<SessionEntry> entries(String sessionId) {
      return events.values().stream().filter(event -> event.sessionId().equals(sessionId))
          .map(event -> new SessionEntry(sessionId, event.timestampMs(), event.eventId(), 1, event.type())).toList();
    }
  }
}
