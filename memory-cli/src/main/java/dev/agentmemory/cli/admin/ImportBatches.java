package dev.agentmemory.cli.admin;

import dev.agentmemory.cli.client.DaemonClient;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.wire.EventMessages;
import dev.agentmemory.event.Event;
import dev.agentmemory.proto.IngestEventsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events on their way into the stores: gathered per project and sent 500 at a time (through the
 * daemon, or into stores opened here), with what came back added up.
 */
final class ImportBatches {
  static final int BATCH = 500;

  /** What one batch (or all of them) did: new, already stored, rejected, and the first reasons. */
  record Sent(long created, long duplicates, long rejected, List<String> errors) {
    Sent plus(Sent other) {
      List<String> all = new ArrayList<>(errors);
      all.addAll(other.errors);
      return new Sent(created + other.created, duplicates + other.duplicates, rejected + other.rejected, all);
    }
  }

  /** Sends one batch of one project's events. */
  interface Sender {
    Sent send(String project, List<Event> batch);
  }

  private final Sender sender;
  private final Map<String, List<Event>> batches = new TreeMap<>();
  /** Where each waiting event came from ("line 12"), to name it in a rejection; by event id. */
  private final Map<String, String> origins = new java.util.HashMap<>();
  private Sent total = new Sent(0, 0, 0, List.of());

  ImportBatches(Sender sender) {
    this.sender = sender;
  }

  /** Through the daemon: IngestEvents with the project's header. */
  static Sender through(DaemonClient client) {
    return (project, batch) -> {
      IngestEventsResponse response = client.inProject(project).ingestEvents(batch.stream().map(EventMessages::toProto).toList());
      return new Sent(response.getCreated(), response.getDuplicates(), response.getRejected(), response.getErrorsList());
    };
  }

  /** Into stores opened here. */
  static Sender into(OfflineStores stores) {
    return (project, batch) -> {
      EventService.BatchResult result = stores.events(project).ingestAll(batch);
      return new Sent(result.created(), result.duplicates(), result.rejected(), result.errors());
    };
  }

  /** Where imported events go, and where what is already stored there is read. */
  record Destination(Sender sender, LiveCaptured.Lookup stored) {}

  /**
   * Runs {@code work} against the daemon when it serves the store, else against the stores opened
   * here (closed when it is done).
   */
  static <T> T toDestination(AdminCommand admin, java.util.function.Function<Destination, T> work) {
    java.util.Optional<DaemonClient> daemon = admin.viaDaemon();
    if (daemon.isPresent()) {
      try (DaemonClient client = daemon.get()) {
        return work.apply(new Destination(through(client), LiveCaptured.through(client)));
      }
    }
    try (OfflineStores stores = new OfflineStores(admin)) {
      return work.apply(new Destination(into(stores), LiveCaptured.into(stores)));
    }
  }

  void add(String project, Event event) {
    add(project, event, "");
  }

  /** @param origin where the event came from, named in place of its id when it is rejected */
  void add(String project, Event event, String origin) {
    List<Event> batch = batches.computeIfAbsent(project, p -> new ArrayList<>(BATCH));
    batch.add(event);
    if (!origin.isEmpty()) {
      origins.put(key(event.eventId()), origin);
    }
    if (batch.size() == BATCH) {
      send(project, batch);
    }
  }

  private void send(String project, List<Event> batch) {
    Sent sent = sender.send(project, List.copyOf(batch));
    List<String> named = sent.errors().stream().map(this::named).toList();
    total = total.plus(new Sent(sent.created(), sent.duplicates(), sent.rejected(), named));
    batch.forEach(event -> origins.remove(key(event.eventId())));
    batch.clear();
  }

  /** "ID: reason" as "line 12: reason" when the event's origin is known. */
  private String named(String error) {
    int colon = error.indexOf(": ");
    String origin = colon > 0 ? origins.get(key(error.substring(0, colon))) : null;
    return origin == null ? error : origin + error.substring(colon);
  }

  private static String key(String eventId) {
    return eventId.trim().toUpperCase(java.util.Locale.ROOT);
  }

  /** Sends what is left; the totals of everything sent. */
  Sent finish() {
    batches.forEach((project, batch) -> {
      if (!batch.isEmpty()) {
        send(project, batch);
      }
    });
    return total;
  }
}
