package dev.agentmemory.toc;

import dev.agentmemory.domain.InvalidArgumentException;
import dev.agentmemory.event.Event;
import dev.agentmemory.storage.EventIds;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import dev.agentmemory.storage.TocReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reading the table of contents: the root, single nodes, paginated children, grip expansion. */
public final class TocQuery {
  /** Children per page when the request gives no limit. */
  public static final int DEFAULT_PAGE = 20;
  /** Most children per page. */
  public static final int MAX_PAGE = 500;
  /** Context events around a grip when the request gives no number. */
  public static final int DEFAULT_CONTEXT = 3;
  /** Most context events on each side of a grip. */
  public static final int MAX_CONTEXT = 100;
  private static final String TOKEN_PREFIX = "v1:";

  private final TocReader store;

  public TocQuery(TocReader store) {
    this.store = store;
  }

  /** Year nodes, newest first. */
  public List<TocNode> root() {
    List<TocNode> years = new ArrayList<>(store.latestOfLevel(TocLevel.YEAR));
    years.sort(Comparator.comparing(TocNode::nodeId).reversed());
    return years;
  }

  /** The latest version of a node; empty when there is no such node. */
  public Optional<TocNode> node(String nodeId) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new InvalidArgumentException("node_id must not be empty");
    }
    return store.node(nodeId.trim());
  }

  /** A page of children of {@code parentId} (the years when empty), oldest first. */
  public Page browse(String parentId, int limit, String continuationToken) {
    int size = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
    int offset = decode(continuationToken);
    List<TocNode> children;
    boolean more;
    if (parentId == null || parentId.isBlank()) {
      List<TocNode> years = store.latestOfLevel(TocLevel.YEAR);
      int end = Math.min(years.size(), offset + size);
      children = offset >= end ? List.of() : years.subList(offset, end);
      more = end < years.size();
      return new Page(children, more ? Optional.of(encode(end)) : Optional.empty());
    }
    List<String> childIds = store.node(parentId.trim()).map(TocNode::childNodeIds).orElse(List.of());
    int end = Math.min(childIds.size(), offset + size);
    children = offset >= end ? List.of() : store.nodes(childIds.subList(offset, end));
    more = end < childIds.size();
    return new Page(children, more ? Optional.of(encode(end)) : Optional.empty());
  }

  /**
   * A grip with its excerpt events and up to {@code before}/{@code after} events around them in
   * the same session (null means {@value #DEFAULT_CONTEXT}); empty when the grip is unknown.
   */
  public Optional<GripExpansion> expand(String gripId, Integer before, Integer after) {
    if (gripId == null || gripId.isBlank()) {
      throw new InvalidArgumentException("grip_id must not be empty");
    }
    int wantBefore = contextSize("events_before", before);
    int wantAfter = contextSize("events_after", after);
    Optional<Grip> found = store.grip(gripId.trim());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Grip grip = found.get();
    Optional<Event> start = store.event(grip.eventIdStart());
    Optional<Event> end = store.event(grip.eventIdEnd());
    if (start.isEmpty() || end.isEmpty()) {
      return Optional.of(new GripExpansion(grip, List.of(), List.of(), List.of()));
    }
    String session = start.get().sessionId();
    EventKey first = EventKey.of(start.get());
    EventKey last = EventKey.of(end.get());
    List<Event> excerpt = new ArrayList<>();
    for (SessionEntry entry : store.session(session, first.timestampMs(), last.timestampMs())) {
      if (entry.eventKey().compareTo(first) >= 0 && entry.eventKey().compareTo(last) <= 0) {
        store.event(entry.eventKey()).ifPresent(excerpt::add);
      }
    }
    if (excerpt.isEmpty()) {
      excerpt.add(start.get());
    }
    return Optional.of(new GripExpansion(grip,
        load(store.sessionBefore(session, first, wantBefore)),
        excerpt,
        load(store.sessionAfter(session, last, wantAfter))));
  }

  /**
   * An event with up to {@code before}/{@code after} events around it in its session (null means
   * {@value #DEFAULT_CONTEXT}); empty when the event is unknown.
   */
  public Optional<EventExpansion> expandEvent(String eventId, Integer before, Integer after) {
    String id = EventIds.canonical(eventId == null ? null : eventId.trim());
    int wantBefore = contextSize("events_before", before);
    int wantAfter = contextSize("events_after", after);
    return store.event(id).map(event -> {
      EventKey key = EventKey.of(event);
      return new EventExpansion(load(store.sessionBefore(event.sessionId(), key, wantBefore)), event,
          load(store.sessionAfter(event.sessionId(), key, wantAfter)));
    });
  }

  private List<Event> load(List<SessionEntry> entries) {
    List<Event> events = new ArrayList<>(entries.size());
    entries.forEach(entry -> store.event(entry.eventKey()).ifPresent(events::add));
    return events;
  }

  private static int contextSize(String field, Integer requested) {
    if (requested == null) {
      return DEFAULT_CONTEXT;
    }
    if (requested < 0) {
      throw new InvalidArgumentException(field + " must not be negative, got " + requested);
    }
    return Math.min(requested, MAX_CONTEXT);
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(TOKEN_PREFIX)) {
        int offset = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below (NumberFormatException is an IllegalArgumentException too)
    }
    throw new InvalidArgumentException(
        "continuation_token is malformed: pass the continuation_token of the previous BrowseToc answer, or none");
  }

  /** A page of children and the token for the next one (empty on the last page). */
  public record Page(List<TocNode> children, Optional<String> continuationToken) {
    public boolean hasMore() {
      return continuationToken.isPresent();
    }
  }

  /** A grip and the events that support it, with context from its session. */
  public record EventExpansion(List<Event> before, Event event, List<Event> after) {}

  public record GripExpansion(Grip grip, List<Event> before, List<Event> excerpt, List<Event> after) {}
}
