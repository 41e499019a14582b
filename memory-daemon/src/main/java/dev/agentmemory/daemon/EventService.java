package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.hook.Redactor;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.EventPage;
import dev.agentmemory.storage.EventStore;
import dev.agentmemory.storage.IngestResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Ingest and time-range reads of the event log, with the wire protocol's validation and limits. */
public final class EventService {
  /** Events returned when a request gives no limit. */
  public static final int DEFAULT_LIMIT = 50;
  /** Most events one GetEvents answer carries. */
  public static final int MAX_LIMIT = 1000;
  // gRPC clients refuse messages above 4 MiB by default; stay well below it whatever the limit.
  private static final long MAX_PAGE_BYTES = 3L * 1024 * 1024;

  private final EventStore store;
  private final EventValidator validator;
  private final IngestPolicy policy;
  private final String defaultAgent;

  public EventService(EventStore store, Clock clock, IngestPolicy policy) {
    this.store = store;
    this.validator = new EventValidator(clock, policy.maxTextBytes());
    this.policy = policy;
    this.defaultAgent = policy.defaultAgent().trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Redacts, validates and stores {@code event}; a known id stores nothing and answers
   * created=false.
   */
  public IngestResult ingest(Event event) {
    Redactor.Redacted redacted = policy.redactor().redact(validator.validate(event));
    Event valid = redacted.event();
    if (valid.agent().isEmpty() && !defaultAgent.isEmpty()) {
      valid = new Event(valid.eventId(), valid.sessionId(), valid.timestampMs(), valid.type(), valid.role(),
          valid.text(), valid.metadata(), defaultAgent);
    }
    // counted from the markers, so secrets the hook redacted before spooling count too
    return store.append(valid, Redactor.markersIn(valid));
  }

  /** Outcome of ingesting many events. */
  public record BatchResult(int created, int duplicates, int rejected, List<String> errors) {}

  /** Ingests each event on its own: a bad one is counted and described, not fatal to the rest. */
  public BatchResult ingestAll(List<Event> batch) {
    int created = 0;
    int duplicates = 0;
    List<String> errors = new ArrayList<>();
    for (Event event : batch) {
      try {
        if (ingest(event).created()) {
          created++;
        } else {
          duplicates++;
        }
      } catch (InvalidArgumentException e) {
        errors.add(event.eventId() + ": " + e.getMessage());
      }
    }
    return new BatchResult(created, duplicates, errors.size(), errors.subList(0, Math.min(10, errors.size())));
  }

  /**
   * Events with source timestamps in {@code [fromMs, toMs]}, oldest first, at most {@code limit}
   * (0 or less means {@value #DEFAULT_LIMIT}, capped at {@value #MAX_LIMIT}) and at most about 3
   * MiB; {@code hasMore} says whether more matched.
   */
  public EventPage events(long fromMs, long toMs, int limit) {
    return events(fromMs, toMs, limit, EventFilter.ALL);
  }

  /** The same, only events that {@code filter} keeps. */
  public EventPage events(long fromMs, long toMs, int limit, EventFilter filter) {
    if (toMs < fromMs) {
      throw new InvalidArgumentException(
          "to_timestamp_ms (" + toMs + ") must not be before from_timestamp_ms (" + fromMs + ")");
    }
    int max = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    List<Event> page = new ArrayList<>();
    long bytes = 0;
    try (CloseableIterator<Event> it = store.scan(fromMs, toMs)) {
      while (it.hasNext()) {
        if (page.size() == max) {
          return new EventPage(page, true);
        }
        Event event = it.next();
        if (!filter.keeps(event)) {
          continue;
        }
        bytes += approximateSize(event);
        if (bytes > MAX_PAGE_BYTES && !page.isEmpty()) {
          return new EventPage(page, true);
        }
        page.add(event);
      }
    }
    return new EventPage(page, false);
  }

  private static long approximateSize(Event event) {
    long size = 64 + Utf8.length(event.text()) + event.sessionId().length();
    for (var entry : event.metadata().entrySet()) {
      size += 8 + Utf8.length(entry.getKey()) + Utf8.length(entry.getValue());
    }
    return size;
  }
}
