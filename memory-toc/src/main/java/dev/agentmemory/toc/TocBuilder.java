package dev.agentmemory.toc;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.EventKey;
import dev.agentmemory.storage.Grip;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.SegmentState;
import dev.agentmemory.storage.SessionEntry;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns events into the table of contents. One {@link #apply} step indexes new events by session,
 * re-cuts the segments of every session-day they touch, summarizes the segments that changed,
 * refreshes their day, week, month and year, and commits all of it (with the outbox
 * acknowledgement, when given) in one atomic batch. Events already indexed are skipped, so a step
 * repeated after a crash, or an event seen twice, changes nothing.
 */
public final class TocBuilder implements AutoCloseable {
  private final MemoryStore store;
  private final TocConfig config;
  private final Summarizer summarizer;
  private final TokenCounter tokens;
  private final TermWeights weights;
  private final Segmenter segmenter;
  // One step at a time: the live worker and a rebuild share this builder.
  private final Object stepLock = new Object();
  // Counting tokens and summarizing are pure and take most of a step: they run on all cores.
  private final AtomicInteger threadNumber = new AtomicInteger();
  private final ForkJoinPool workers = new ForkJoinPool(
      Runtime.getRuntime().availableProcessors(),
      pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("memory-toc-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      },
      null,
      false);

  public TocBuilder(MemoryStore store, TocConfig config, Summarizer summarizer, TokenCounter tokens) {
    this.store = store;
    this.config = config;
    this.summarizer = summarizer;
    this.tokens = tokens;
    this.weights = new TokenRankWeights(tokens);
    this.segmenter = new Segmenter(config);
  }

  public TocConfig config() {
    return config;
  }

  /** Runs {@code work} while no build step runs (rebuilds use it to exclude the live worker). */
  public <T> T exclusively(Supplier<T> work) {
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
      Set<SessionDay> touched = index(events, changes);
      Set<LocalDate> days = new TreeSet<>();
      List<SegmentWork> work = new ArrayList<>();
      for (SessionDay sessionDay : touched) {
        if (resegment(sessionDay, changes, work)) {
          days.add(LocalDate.ofEpochDay(sessionDay.epochDay()));
        }
      }
      List<Summary> summaries = inParallel(work, item -> summarize(item, changes));
      for (int i = 0; i < work.size(); i++) {
        writeSegment(work.get(i), summaries.get(i), changes);
      }
      new ParentNodes(changes, config.zone()).refresh(days);
      store.write(tx -> {
        changes.writeTo(tx);
        ackSequence.ifPresent(sequence -> store.outbox().acknowledgeUpTo(tx, sequence));
      });
      return changes.addedEntries().size();
    }
  }

  /** How distinctive terms are, for every summary of this store's TOC. */
  TermWeights weights() {
    return weights;
  }

  /** Day bucket of a timestamp in the TOC's zone. */
  public long epochDay(long timestampMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(timestampMs), config.zone()).toEpochDay();
  }

  /** The text of an event as the TOC counts and summarizes it: tool results cut to a prefix. */
  String boundedText(Event event) {
    boolean tool = event.type() == EventType.TOOL_RESULT.number() || event.role() == EventRole.TOOL.number();
    return Texts.prefix(event.text(), tool ? config.toolResultChars() : TocConfig.MAX_TEXT_CHARS);
  }

  private Set<SessionDay> index(List<Event> events, TocChanges changes) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(EventKey::of));
    List<Event> fresh = new ArrayList<>();
    Set<EventKey> seen = new HashSet<>();
    for (Event event : sorted) {
      if (seen.add(EventKey.of(event)) && !store.tocIndex().contains(event.sessionId(), EventKey.of(event))) {
        fresh.add(event);
      }
    }
    List<Integer> counts = inParallel(fresh, event -> tokens.count(boundedText(event)));
    Set<SessionDay> touched = new TreeSet<>();
    for (int i = 0; i < fresh.size(); i++) {
      Event event = fresh.get(i);
      SessionEntry entry = new SessionEntry(
          event.sessionId(), event.timestampMs(), event.eventId(), counts.get(i), event.type());
      SessionDay sessionDay = new SessionDay(event.sessionId(), epochDay(event.timestampMs()));
      changes.addEntry(entry, sessionDay, event);
      touched.add(sessionDay);
    }
    return touched;
  }

  /** Re-cuts one session-day, queueing changed segments as work; returns whether any changed. */
  private boolean resegment(SessionDay sessionDay, TocChanges changes, List<SegmentWork> work) {
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
      work.add(new SegmentWork(state, segment, context(before, first)));
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
    for (SessionEntry added : changes.addedEntries(sessionDay)) {
      entries.put(added.eventKey(), added);
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

  private Summary summarize(SegmentWork work, TocChanges changes) {
    return summarizer.summarize(new SummaryRequest(
        work.state().nodeId(), load(work.segment(), changes), load(work.context(), changes), weights));
  }

  private void writeSegment(SegmentWork work, Summary summary, TocChanges changes) {
    SegmentState state = work.state();
    Map<String, SessionEntry> byId = new HashMap<>();
    work.segment().forEach(entry -> byId.put(entry.eventId(), entry));
    List<TocBullet> bullets = new ArrayList<>();
    for (Summary.Bullet bullet : summary.bullets()) {
      SessionEntry start = byId.get(bullet.eventIdStart());
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

  /**
   * Re-summarizes closed segments with {@code better} (an API summarizer): those whose last event
   * is before {@code closedBeforeMs} and whose latest version {@code better} did not write. Each
   * segment is committed on its own; the first failure ends the run by propagating (the provider is
   * likely down: the job is marked FAILED with the reason, and the next run retries).
   *
   * @return how many segments it rewrote, at most {@code max}
   */
  public int refineSegments(Summarizer better, long closedBeforeMs, int max) {
    int written = 0;
    for (TocNode node : store.toc().latestOfLevel(TocLevel.SEGMENT)) {
      if (written >= max) {
        break;
      }
      if (node.endTimeMs() < closedBeforeMs && store.tocIndex().rolledUpVersion(node.nodeId()) != node.version()
          && exclusively(() -> refine(node.nodeId(), better))) {
        written++;
      }
    }
    return written;
  }

  private boolean refine(String nodeId, Summarizer better) {
    Optional<TocNode> node = store.toc().latest(nodeId);
    Period.Segment period = (Period.Segment) Period.parse(nodeId);
    Optional<Event> first = store.events().get(period.ulid());
    if (node.isEmpty() || first.isEmpty() || store.tocIndex().rolledUpVersion(nodeId) == node.get().version()) {
      return false;
    }
    long day = period.date().toEpochDay();
    List<SessionEntry> entries = store.tocIndex().session(first.get().sessionId(),
        period.startMs(config.zone()), period.endMs(config.zone()));
    List<List<SessionEntry>> segments = segmenter.split(entries);
    for (int i = 0; i < segments.size(); i++) {
      List<SessionEntry> segment = segments.get(i);
      if (!segment.get(0).eventId().equals(period.ulid())) {
        continue;
      }
      SessionEntry last = segment.get(segment.size() - 1);
      SegmentState state = new SegmentState(first.get().sessionId(), day, segment.get(0).eventKey(), last.eventKey(),
          segment.size(), segment.stream().mapToInt(SessionEntry::tokens).sum(), nodeId);
      TocChanges changes = new TocChanges(store);
      List<SessionEntry> context = i == 0 ? List.of() : context(segments.get(i - 1), segment.get(0));
      Summary summary = better.summarize(new SummaryRequest(nodeId, load(segment, changes), load(context, changes),
          weights));
      writeSegment(new SegmentWork(state, segment, context), summary, changes);
      new ParentNodes(changes, config.zone()).refresh(Set.of(period.date()));
      int version = changes.node(nodeId).map(TocNode::version).orElse(node.get().version());
      store.write(tx -> {
        changes.writeTo(tx);
        store.tocIndex().putRolledUpVersion(tx, nodeId, version);
      });
      return true;
    }
    return false;
  }

  /** Applies {@code task} to every item on the worker threads; results in the items' order. */
  private <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
    if (items.size() < 2) {
      return items.stream().map(task).toList();
    }
    try {
      return workers.submit(() -> items.parallelStream().map(task).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while building the TOC", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** A segment that changed and must be summarized. */
  private record SegmentWork(
      SegmentState state, List<SessionEntry> segment, List<SessionEntry> context) {}

  /** What indexing learns of one event. */

  private List<SummaryEvent> load(List<SessionEntry> entries, TocChanges changes) {
    List<SummaryEvent> events = new ArrayList<>(entries.size());
    for (SessionEntry entry : entries) {
      changes.event(entry.eventKey()).ifPresent(event -> events.add(new SummaryEvent(event.eventId(),
          event.timestampMs(), event.role(), event.type(), boundedText(event), event.metadata())));
    }
    return events;
  }
}
