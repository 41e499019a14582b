package dev.agentmemory.daemon;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.CloseableIterator;
import dev.agentmemory.storage.EventIds;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.EventStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The event log read a page at a time for export: bounded memory on both sides however large the
 * store. A page ends with a cursor, {@code <timestamp>:<event id>} of its last event, from which
 * the next page starts. A page holds at most {@code limit} events and about 2 MiB of text (at least
 * one event, whatever its size).
 */
public final class EventExport {
  public static final int DEFAULT_LIMIT = 1_000;
  public static final int MAX_LIMIT = 5_000;
  /** A page ends before its texts pass this (gRPC clients take 4 MiB messages by default). */
  static final long MAX_PAGE_TEXT_BYTES = 2L * 1024 * 1024;

  /** One page and the cursor of the next (empty after the last). */
  public record Page(List<Event> events, String next) {}

  private EventExport() {}

  /**
   * @param toMs the last millisecond, 0 for no bound
   * @param after the previous page's cursor, empty for the first page
   * @throws InvalidArgumentException for a malformed cursor or a negative limit
   */
  public static Page page(EventStore events, long fromMs, long toMs, String after, int limit) {
    if (limit < 0) {
      throw new InvalidArgumentException("limit must not be negative, got " + limit);
    }
    int max = limit == 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    long to = toMs == 0 ? Long.MAX_VALUE : toMs;
    EventKey resume = after.isBlank() ? null : cursor(after);
    List<Event> page = new ArrayList<>(Math.min(max, 1024));
    boolean more = false;
    long bytes = 0;
    try (CloseableIterator<Event> it = resume == null ? events.scan(fromMs, to) : events.scan(resume, to)) {
      while (it.hasNext()) {
        Event event = it.next();
        if (EventKey.of(event).equals(resume)) {
          continue;
        }
        long size = Utf8.length(event.text());
        if (page.size() == max || (!page.isEmpty() && bytes + size > MAX_PAGE_TEXT_BYTES)) {
          more = true;
          break;
        }
        page.add(event);
        bytes += size;
      }
    }
    String next = more ? page.get(page.size() - 1).timestampMs() + ":" + page.get(page.size() - 1).eventId() : "";
    return new Page(page, next);
  }

  private static EventKey cursor(String after) {
    int colon = after.indexOf(':');
    try {
      String id = after.substring(colon + 1).trim();
      if (colon < 1 || !EventIds.isValid(id)) {
        throw new NumberFormatException();
      }
      return new EventKey(Long.parseLong(after.substring(0, colon).trim()), EventIds.canonical(id));
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("after must be the `next` of the previous page, not '" + after + "'");
    }
  }
}
