package dev.agentmemory.toc;

import dev.agentmemory.storage.Event;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.EventRole;
import dev.agentmemory.storage.EventType;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.SegmentState;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns events into the table of contents. One {@link #apply} step indexes new events by session,
 * re-cuts the segments of every session-day they touch, summarizes the segments that changed,
 * refreshes their day, week, month and year, and commits all of it (with the outbox
 * acknowledgement, when given) in one atomic batch. Events already indexed are skipped, so a step
 * repeated after a crash, or an event seen twice, changes nothing.
 */
public final class TocBuilder {
  private final MemoryStore store;
  private final TocConfig config;
  private final Summarizer summarizer;
  private final TokenCounter tokens;
  private final Segmenter segmenter;
  // One step at a time: the live worker and a rebuild share this builder.
  private final Object stepLock = new Object();

  public TocBuilder(MemoryStore store, TocConfig config, Summarizer summarizer, TokenCounter tokens) {
    this.store = store;
    this.config = config;
    this.summarizer = summarizer;
    this.tokens = tokens;
    this.segmenter = new Segmenter(config);
  }

  public TocConfig config() {
    return config;
  }

  /** Runs {@code work} while no build step runs (rebuilds use it to exclude the live worker). */
  public <T> T exclusively(java.util.function.Supplier<T> work) {
    synchronized (stepLock) {
      return work.get();
    }
  }

  /**
   * Builds the TOC for {@code events} and commits it, together with acknowledging the outbox up
   * to {@code ackSequence} if present.
   *
   * @return how many of the events were new to the TOC
   */
  public int apply(List<Event> events, OptionalLong ackSequence) {
    synchronized (stepLock) {
      TocChanges changes = new TocChanges(store);
      AsOfTermWeights weights =
          new AsOfTermWeights(store.tocIndex(), store.tocIndex().counter(TocChanges.EVENT_COUNTER));
      Set<SessionDay> touched = index(events, changes, weights);
      Set<LocalDate> days = new TreeSet<>();
      for (SessionDay sessionDay : touched) {
        if (resegment(sessionDay, changes, weights)) {
          days.add(LocalDate.ofEpochDay(sessionDay.epochDay()));
        }
      }
      new ParentNodes(changes, config.zone()).refresh(days);
      store.storage().write(batch -> {
        changes.writeTo(batch);
        ackSequence.ifPresent(sequence -> store.outbox().acknowledgeUpTo(batch, sequence));
      });
      return changes.addedEntries().size();
    }
  }

  /** Day bucket of a timestamp in the TOC's zone. */
  public long epochDay(long timestampMs) {
    return LocalDate.ofInstant(java.time.Instant.ofEpochMilli(timestampMs), config.zone()).toEpochDay();
  }

  /** The text of an event as the TOC counts and summarizes it: tool results cut to a prefix. */
  String boundedText(Event event) {
    boolean tool = event.type() == EventType.TOOL_RESULT.number() || event.role() == EventRole.TOOL.number();
    return Texts.prefix(event.text(), tool ? config.toolResultChars() : TocConfig.MAX_TEXT_CHARS);
  }

  private Set<SessionDay> index(List<Event> events, TocChanges changes, AsOfTermWeights weights) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(Event::key));
    Set<SessionDay> touched = new TreeSet<>();
    for (Event event : sorted) {
      if (changes.isAdded(event.key()) || store.tocIndex().contains(event.sessionId(), event.key())) {
        continue;
      }
      String text = boundedText(event);
      SessionEntry entry = new SessionEntry(
          event.sessionId(), event.timestampMs(), event.eventId(), tokens.count(text), event.type());
      Set<String> terms = Texts.distinctTerms(text);
      changes.addEntry(entry, event, terms);
      weights.add(entry, terms);
      touched.add(new SessionDay(event.sessionId(), epochDay(event.timestampMs())));
    }
    return touched;
  }

  /** Re-cuts one session-day; returns whether any of its segments changed. */
  private boolean resegment(SessionDay sessionDay, TocChanges changes, AsOfTermWeights weights) {
    LocalDate date = LocalDate.ofEpochDay(sessionDay.epochDay());
    List<SessionEntry> entries = entriesOf(sessionDay, changes);
    List<List<SessionEntry>> segments = segmenter.split(entries);
    Map<EventKey, SegmentState> previous = new HashMap<>();
    store.tocIndex().segments(sessionDay.sessionId(), sessionDay.epochDay()).forEach(s -> previous.put(s.first(), s));
    boolean changed = false;
    for (int i = 0; i < segments.size(); i++) {
      List<SessionEntry> segment = segments.get(i);
      SessionEntry first = segment.get(0);
      SessionEntry last = segment.get(segment.size() - 1);
      String nodeId = new Period.Segment(date, first.eventId()).id();
      int tokenCount = segment.stream().mapToInt(SessionEntry::tokens).sum();
      SegmentState state = new SegmentState(sessionDay.sessionId(), sessionDay.epochDay(), first.eventKey(),
          last.eventKey(), segment.size(), tokenCount, nodeId);
      if (state.equals(previous.remove(first.eventKey()))) {
        continue;
      }
      List<SessionEntry> before = i == 0 ? List.of() : segments.get(i - 1);
      writeSegment(state, segment, context(before, first), weights.asOf(last.eventKey()), changes);
      changed = true;
    }
    for (SegmentState gone : previous.values()) {
      changes.deleteSegment(gone);
      changes.unlink(gone.nodeId());
      changed = true;
    }
    return changed;
  }

  private List<SessionEntry> entriesOf(SessionDay sessionDay, TocChanges changes) {
    LocalDate date = LocalDate.ofEpochDay(sessionDay.epochDay());
    long from = date.atStartOfDay(config.zone()).toInstant().toEpochMilli();
    long to = date.plusDays(1).atStartOfDay(config.zone()).toInstant().toEpochMilli() - 1;
    TreeMap<EventKey, SessionEntry> entries = new TreeMap<>();
    store.tocIndex().session(sessionDay.sessionId(), from, to).forEach(e -> entries.put(e.eventKey(), e));
    for (SessionEntry added : changes.addedEntries()) {
      if (added.sessionId().equals(sessionDay.sessionId()) && epochDay(added.timestampMs()) == sessionDay.epochDay()) {
        entries.put(added.eventKey(), added);
      }
    }
    return new ArrayList<>(entries.values());
  }

  /** The tail of the previous segment: within the overlap time and token budget. */
  private List<SessionEntry> context(List<SessionEntry> previous, SessionEntry first) {
    List<SessionEntry> tail = new ArrayList<>();
    long tokenBudget = config.overlapTokens();
    long earliest = first.timestampMs() - config.overlapTime().toMillis();
    for (int i = previous.size() - 1; i >= 0; i--) {
      SessionEntry entry = previous.get(i);
      if (entry.timestampMs() < earliest || entry.tokens() > tokenBudget) {
        break;
      }
      tokenBudget -= entry.tokens();
      tail.add(0, entry);
    }
    return tail;
  }

  private void writeSegment(
      SegmentState state, List<SessionEntry> segment, List<SessionEntry> context, TermWeights weights,
      TocChanges changes) {
    List<SummaryEvent> events = load(segment, changes);
    Summary summary = summarizer.summarize(new SummaryRequest(state.nodeId(), events, load(context, changes), weights));
    Map<String, SummaryEvent> byId = new HashMap<>();
    events.forEach(event -> byId.put(event.eventId(), event));
    List<TocBullet> bullets = new ArrayList<>();
    for (Summary.Bullet bullet : summary.bullets()) {
      SummaryEvent start = byId.get(bullet.eventIdStart());
      if (start == null || !byId.containsKey(bullet.eventIdEnd())) {
        continue; // cites nothing of this segment: a grip must point at real evidence
      }
      String gripId = GripIds.of(start.timestampMs(), state.nodeId(), start.eventId(), bullet.excerpt());
      changes.addGrip(new Grip(gripId, bullet.excerpt(), bullet.eventIdStart(), bullet.eventIdEnd(),
          start.timestampMs(), state.nodeId()));
      bullets.add(new TocBullet(bullet.text(), List.of(gripId)));
    }
    changes.putSegment(state);
    changes.write(new TocNode(state.nodeId(), TocLevel.SEGMENT, summary.title(), summary.summary(), bullets,
        summary.keywords(), List.of(), state.first().timestampMs(), state.last().timestampMs(), 0));
  }

  private List<SummaryEvent> load(List<SessionEntry> entries, TocChanges changes) {
    List<SummaryEvent> events = new ArrayList<>(entries.size());
    for (SessionEntry entry : entries) {
      changes.event(entry.eventKey()).ifPresent(event -> events.add(new SummaryEvent(event.eventId(),
          event.timestampMs(), event.role(), event.type(), boundedText(event), event.metadata())));
    }
    return events;
  }
}
