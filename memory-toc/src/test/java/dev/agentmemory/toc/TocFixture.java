package dev.agentmemory.toc;

import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;

/** A real store in a temp directory with a TOC builder over it, and helpers to make events. */
final class TocFixture implements AutoCloseable {
  static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  static final TokenCounter TOKENS = new TokenCounter();

  final MemoryStore store;
  final TocBuilder builder;
  final TocQuery query;
  private final Random random = new Random(7);

  TocFixture(Path dir) {
    this(dir, TocConfig.defaults(ZONE));
  }

  TocFixture(Path dir, TocConfig config) {
    store = MemoryStore.open(dir);
    builder = new TocBuilder(store, config, new LocalSummarizer(), TOKENS);
    query = new TocQuery(store);
  }

  /** An event at a local time of the fixture's zone. */
  Event event(String session, String localTime, EventRole role, String text) {
    long ts = LocalDateTime.parse(localTime).atZone(ZONE).toInstant().toEpochMilli();
    return event(session, ts, role, EventType.USER_MESSAGE, text);
  }

  Event event(String session, long ts, EventRole role, EventType type, String text) {
    String id = new Ulid(ts, new byte[] {
        (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(),
        (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(),
        (byte) random.nextInt(), (byte) random.nextInt()}).toString();
    EventType actual = role == EventRole.ASSISTANT && type == EventType.USER_MESSAGE ? EventType.ASSISTANT_MESSAGE : type;
    return new Event(id, session, ts, actual.number(), role.number(), text, Map.of("cwd", "/work/shop"), "claude");
  }

  /** Stores events (as ingest does) and builds the TOC from them in one step. */
  void ingestAndBuild(List<Event> events) {
    events.forEach(store.events()::append);
    builder.apply(events, OptionalLong.empty());
  }

  /** Every linked node, by id, without versions: what a reader sees. */
  Map<String, TocNode> snapshot() {
    Map<String, TocNode> nodes = new TreeMap<>();
    for (String id : store.toc().linkedIds()) {
      store.toc().latest(id).ifPresent(node -> nodes.put(id, node.withVersion(0)));
    }
    return nodes;
  }

  TocNode node(String id) {
    return query.node(id).orElseThrow(() -> new AssertionError("no node " + id));
  }

  @Override
  public void close() {
    store.close();
  }
}
