package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.proto.BrowseTocRequest;
import dev.agentmemory.proto.BrowseTocResponse;
import dev.agentmemory.proto.Event;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.proto.EventType;
import dev.agentmemory.proto.ExpandGripRequest;
import dev.agentmemory.proto.ExpandGripResponse;
import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetTocRootRequest;
import dev.agentmemory.proto.IngestEventRequest;
import dev.agentmemory.proto.MemoryServiceGrpc;
import dev.agentmemory.proto.TocLevel;
import dev.agentmemory.proto.TocNode;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of contents as the packaged daemon builds it, walked over gRPC and the CLI. */
class TocEndToEndIT {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final String[] TOPICS = {
    "the invoice rounding bug in InvoiceService", "the flaky CheckoutServiceTest", "the Gradle 8 upgrade",
    "the slow /api/orders endpoint", "the Kafka consumer lag alert"};

  @TempDir Path tmp;
  private DaemonProcess daemon;
  private final Random random = new Random(11);

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_TIMEZONE", ZONE.getId());
    daemon.env.put("MEMORY_TOC_REFRESH_INTERVAL", "200ms");
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  private Event event(String session, LocalDateTime time, int step) {
    long ts = time.atZone(ZONE).toInstant().toEpochMilli();
    boolean user = step % 2 == 0;
    String topic = TOPICS[Math.floorMod(session.hashCode() + time.getDayOfYear(), TOPICS.length)];
    String text = user
        ? "Step " + step + ": please look into " + topic + " and tell me what you find."
        : "Step " + step + ": I checked " + topic + "; the logs show a timeout, so I changed the retry policy.";
    byte[] random10 = new byte[10];
    random.nextBytes(random10);
    return Event.newBuilder()
        .setEventId(new Ulid(ts, random10).toString())
        .setSessionId(session)
        .setTimestampMs(ts)
        .setEventType(user ? EventType.EVENT_TYPE_USER_MESSAGE : EventType.EVENT_TYPE_ASSISTANT_MESSAGE)
        .setRole(user ? EventRole.EVENT_ROLE_USER : EventRole.EVENT_ROLE_ASSISTANT)
        .setText(text)
        .setAgent("claude")
        .build();
  }

  /**
   * Two interleaved sessions a day from Mon 2025-12-29 to Sat 2026-01-03 (ISO week 2026-W01 spans
   * December and January, 2025 and 2026); session "night" crosses midnight every day. In time
   * order, as live capture sends them.
   */
  private List<Event> week() {
    List<Event> events = new ArrayList<>();
    for (LocalDate day = LocalDate.parse("2025-12-29"); day.isBefore(LocalDate.parse("2026-01-04")); day = day.plusDays(1)) {
      for (int step = 0; step < 6; step++) {
        events.add(event("day-" + day, day.atTime(10, step * 4), step));
        events.add(event("pair-" + day, day.atTime(10, step * 4 + 2), step));
        events.add(event("night-" + day, day.atTime(23, 40).plusMinutes(step * 8L), step));
      }
    }
    events.sort(Comparator.comparingLong(Event::getTimestampMs));
    return events;
  }

  @Test
  void shouldMakeEveryEventReachableWhereItsTimestampSays_overGrpcAndTheCli() throws Exception {
    // given
    int port = daemon.start();
    ManagedChannel channel = daemon.channel(port);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
    List<Event> events = week();
    try {
      for (Event event : events) {
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
      }
      awaitToc(memory, events);

      // then: root -> year -> month -> week -> day -> segment, for every event
      assertThat(memory.getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesList())
          .extracting(TocNode::getNodeId).containsExactly("toc:year:2026", "toc:year:2025");
      assertThat(children(memory, "toc:month:2025:12")).extracting(TocNode::getNodeId).containsExactly("toc:week:2026:W01");
      assertThat(children(memory, "toc:month:2026:01")).extracting(TocNode::getNodeId).containsExactly("toc:week:2026:W01");
      for (Event event : events) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(event.getTimestampMs()), ZONE);
        String path = "toc:year:" + day.getYear() + " > toc:month:" + day.getYear() + ":" + String.format("%02d", day.getMonthValue());
        assertThat(children(memory, "toc:year:" + day.getYear())).extracting(TocNode::getNodeId)
            .as(path).contains(String.format("toc:month:%d:%02d", day.getYear(), day.getMonthValue()));
        String week = String.format("toc:week:%d:W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
            day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertThat(children(memory, String.format("toc:month:%d:%02d", day.getYear(), day.getMonthValue())))
            .extracting(TocNode::getNodeId).contains(week);
        assertThat(children(memory, week)).extracting(TocNode::getNodeId).contains("toc:day:" + day);
        List<TocNode> segments = children(memory, "toc:day:" + day);
        assertThat(segments).as("segments of %s holding event at %s", day, event.getTimestampMs())
            .anySatisfy(segment -> {
              assertThat(event.getTimestampMs()).isBetween(segment.getStartTimeMs(), segment.getEndTimeMs());
              assertThat(memory.getEvents(GetEventsRequest.newBuilder().setFromTimestampMs(segment.getStartTimeMs())
                      .setToTimestampMs(segment.getEndTimeMs()).setLimit(1000).build()).getEventsList())
                  .extracting(Event::getEventId).contains(event.getEventId());
            });
      }

      // and each segment's grips expand to events of that segment's session and time
      TocNode segment = children(memory, "toc:day:2025-12-31").get(0);
      String gripId = segment.getBullets(0).getGripIds(0);
      ExpandGripResponse expansion = memory.expandGrip(ExpandGripRequest.newBuilder().setGripId(gripId).build());
      assertThat(expansion.getGrip().getSource()).isEqualTo(segment.getNodeId());
      assertThat(expansion.getExcerptEvents(0).getTimestampMs()).isBetween(segment.getStartTimeMs(), segment.getEndTimeMs());

      // and the CLI walks the same way
      String endpoint = "127.0.0.1:" + port;
      assertThat(cli("query", "root", "--endpoint", endpoint)).contains("2026 [Year]", "ID: toc:year:2025");
      assertThat(cli("query", "browse", "toc:week:2026:W01", "-e", endpoint, "--limit", "2"))
          .contains("Monday, December 29, 2025 [Day]", "More results available. Use --token");
      assertThat(cli("query", "node", segment.getNodeId(), "-e", endpoint))
          .contains("TOC Node: " + segment.getTitle(), "Grips: " + gripId, "Keywords:");
      assertThat(cli("query", "expand", gripId, "-e", endpoint, "--before", "1", "--after", "1"))
          .contains("Grip: " + gripId, "=== Excerpt Events (1) ===");

      // and a late event for a past day shows up in that day
      Event late = event("import", LocalDateTime.parse("2025-12-30T15:00:00"), 0);
      memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(late).build());
      awaitToc(memory, List.of(late));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void shouldRebuildTheSameTocAsLiveBuilding_throughTheDaemonAndWithItStopped() throws Exception {
    // given: built live
    int port = daemon.start();
    Map<String, TocNode> live;
    ManagedChannel channel = daemon.channel(port);
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
      List<Event> events = week();
      for (Event event : events) {
        memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
      }
      awaitToc(memory, events);
      live = snapshot(memory);

      // when: rebuilt through the running daemon
      String dryRun = cli("admin", "rebuild-toc", "--dry-run", "--db-path", daemon.db.toString());
      assertThat(dryRun).contains("DRY RUN - No changes will be made", "Found " + events.size() + " events to process");
      String rebuilt = cli("admin", "rebuild-toc", "--db-path", daemon.db.toString());
      assertThat(rebuilt).contains("Rebuilt the TOC from " + events.size() + " events");

      // then
      assertThat(snapshot(memory)).isEqualTo(live);
      String partial = cli("admin", "rebuild-toc", "--from-date", "2026-01-02", "--db-path", daemon.db.toString());
      // Jan 2 and 3 (18 each) plus the three night events after midnight of Jan 3
      assertThat(partial).contains("Rebuilt the TOC from 39 events");
      assertThat(snapshot(memory)).isEqualTo(live);
    } finally {
      channel.shutdownNow();
    }

    // when: rebuilt with the daemon stopped
    assertThat(daemon.run("stop").exitCode()).isZero();
    String offline = cli("admin", "rebuild-toc", "--db-path", daemon.db.toString());
    assertThat(offline).contains("Rebuilt the TOC from");
    int newPort = daemon.start();
    ManagedChannel again = daemon.channel(newPort);
    try {
      assertThat(snapshot(MemoryServiceGrpc.newBlockingStub(again))).isEqualTo(live);
    } finally {
      again.shutdownNow();
    }
  }

  @Test
  void shouldEndUpWithTheUninterruptedToc_whenKilledWhileBuilding() throws Exception {
    // given: many events, and the daemon killed with SIGKILL while its worker is busy
    daemon.env.put("MEMORY_TOC_REFRESH_INTERVAL", "100ms");
    int port = daemon.start();
    long pid = daemon.pid();
    ManagedChannel channel = daemon.channel(port);
    MemoryServiceGrpc.MemoryServiceBlockingStub memory = MemoryServiceGrpc.newBlockingStub(channel);
    List<Event> events = new ArrayList<>();
    LocalDateTime start = LocalDateTime.parse("2026-02-02T08:00:00");
    for (int i = 0; i < 6_000; i++) {
      events.add(event("bulk-" + (i % 7), start.plusSeconds(i * 20L), i));
    }
    for (Event event : events) {
      memory.ingestEvent(IngestEventRequest.newBuilder().setEvent(event).build());
    }
    channel.shutdownNow();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

    // when: restarted, it catches up
    int newPort = daemon.start();
    ManagedChannel again = daemon.channel(newPort);
    try {
      MemoryServiceGrpc.MemoryServiceBlockingStub restarted = MemoryServiceGrpc.newBlockingStub(again);
      awaitToc(restarted, events);
      Map<String, TocNode> recovered = snapshot(restarted);

      // then: it equals a TOC built from scratch without interruption
      assertThat(cli("admin", "rebuild-toc", "--db-path", daemon.db.toString())).contains("Rebuilt the TOC");
      assertThat(snapshot(restarted)).isEqualTo(recovered);
    } finally {
      again.shutdownNow();
    }
  }

  private String cli(String... args) throws Exception {
    DaemonProcess.Result result = daemon.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result.out();
  }

  private static List<TocNode> children(MemoryServiceGrpc.MemoryServiceBlockingStub memory, String parent) {
    List<TocNode> all = new ArrayList<>();
    BrowseTocRequest.Builder request = BrowseTocRequest.newBuilder().setParentId(parent).setLimit(500);
    while (true) {
      BrowseTocResponse page = memory.browseToc(request.build());
      all.addAll(page.getChildrenList());
      if (!page.getHasMore()) {
        return all;
      }
      request.setContinuationToken(page.getContinuationToken());
    }
  }

  /** Every node reachable from the root, without versions. */
  private static Map<String, TocNode> snapshot(MemoryServiceGrpc.MemoryServiceBlockingStub memory) {
    Map<String, TocNode> nodes = new TreeMap<>();
    List<TocNode> pending = new ArrayList<>(memory.getTocRoot(GetTocRootRequest.getDefaultInstance()).getNodesList());
    while (!pending.isEmpty()) {
      TocNode node = pending.remove(pending.size() - 1);
      if (nodes.put(node.getNodeId(), node.toBuilder().clearVersion().build()) == null && node.getLevel() != TocLevel.TOC_LEVEL_SEGMENT) {
        pending.addAll(children(memory, node.getNodeId()));
      }
    }
    return nodes;
  }

  /** Waits until every given event lies in a segment of its day (the worker has caught up). */
  private static void awaitToc(MemoryServiceGrpc.MemoryServiceBlockingStub memory, List<Event> events) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Event last = events.get(events.size() - 1);
    while (Instant.now().isBefore(deadline)) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(last.getTimestampMs()), ZONE);
      boolean covered = children(memory, "toc:day:" + day).stream().anyMatch(s ->
          last.getTimestampMs() >= s.getStartTimeMs() && last.getTimestampMs() <= s.getEndTimeMs());
      if (covered && memory.getEvents(GetEventsRequest.newBuilder().setFromTimestampMs(0).setToTimestampMs(Long.MAX_VALUE / 2)
          .setLimit(1).build()) != null && settled(memory)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the TOC did not take in the events within 60 s");
  }

  /** Two snapshots a refresh apart are equal: nothing is left in the worker's queue. */
  private static boolean settled(MemoryServiceGrpc.MemoryServiceBlockingStub memory) throws InterruptedException {
    Map<String, TocNode> before = snapshot(memory);
    Thread.sleep(500);
    return before.equals(snapshot(memory));
  }
}
