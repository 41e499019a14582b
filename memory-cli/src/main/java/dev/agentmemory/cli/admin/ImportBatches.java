package dev.agentmemory.cli.admin;

import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events on their way into the stores: gathered per project and sent 500 at a time (through the
 * daemon, or into the stores opened here), with what came back added up.
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

  private final MemoryOperations operations;
  private final Map<String, List<Event>> batches = new TreeMap<>();
  /** Where each waiting event came from ("line 12"), to name it in a rejection; by event id. */
  private final Map<String, String> origins = new HashMap<>();
  private Sent total = new Sent(0, 0, 0, List.of());

  /** @param operations where the batches go: the running daemon, or the stores opened here */
  ImportBatches(MemoryOperations operations) {
    this.operations = operations;
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
    EventService.BatchResult sent = operations.ingest(project, List.copyOf(batch));
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
    return eventId.trim().toUpperCase(Locale.ROOT);
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
