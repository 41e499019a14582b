package dev.agentmemory.toc;

import dev.agentmemory.event.EventRole;
import dev.agentmemory.storage.MemoryStore;
import dev.agentmemory.storage.TocBullet;
import dev.agentmemory.storage.TocIndexStore;
import dev.agentmemory.storage.TocLevel;
import dev.agentmemory.storage.TocNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Summarizes closed periods (days, weeks, months, years) from their children: a real summary,
 * bullets citing the children's grips, and keywords, written as a new version of the period's
 * node (its title stays the date title). A period is rolled up again when it changed since (a late
 * child arrived). Each period is committed on its own with a marker of the version written, so a
 * run that a crash interrupts resumes where it stopped and never writes a period twice.
 */
public final class TocRollup {
  private final MemoryStore store;
  private final TocBuilder builder;
  private final Summarizer summarizer;
  private final Clock clock;

  public TocRollup(MemoryStore store, TocBuilder builder, Summarizer summarizer, Clock clock) {
    this.store = store;
    this.builder = builder;
    this.summarizer = summarizer;
    this.clock = clock;
  }

  /** Rolls up every closed period of {@code level} that needs it; returns how many it wrote. */
  public int run(TocLevel level) {
    if (level == TocLevel.SEGMENT) {
      throw new IllegalArgumentException("Segments are summarized when built, not rolled up");
    }
    int written = 0;
    long now = clock.millis();
    for (TocNode candidate : store.toc().latestOfLevel(level)) {
      if (candidate.endTimeMs() < now && needsRollup(candidate) && rollUp(candidate.nodeId())) {
        written++;
      }
    }
    return written;
  }

  /** Forgets which periods of {@code level} were rolled up, so the next run redoes them all. */
  public static void reset(MemoryStore store, TocLevel level) {
    store.write(tx -> store.tocIndex().clearRollups(tx, level.idPrefix()));
  }

  private boolean needsRollup(TocNode node) {
    return store.tocIndex().rolledUpVersion(node.nodeId()) != node.version();
  }

  private boolean rollUp(String nodeId) {
    return builder.exclusively(() -> {
      Optional<TocNode> current = store.toc().latest(nodeId);
      if (current.isEmpty() || !needsRollup(current.get())) {
        return false;
      }
      TocNode node = current.get();
      List<SummaryEvent> statements = new ArrayList<>();
      Map<String, List<String>> evidence = new HashMap<>();
      for (String childId : node.childNodeIds()) {
        store.toc().latest(childId).ifPresent(child -> addStatements(child, statements, evidence));
      }
      if (statements.isEmpty()) {
        return false;
      }
      Summary summary = summarizer.summarize(new SummaryRequest(nodeId, statements, List.of(), builder.weights()));
      List<TocBullet> bullets = new ArrayList<>();
      for (Summary.Bullet bullet : summary.bullets()) {
        List<String> grips = evidence.get(bullet.eventIdStart());
        if (grips != null) {
          bullets.add(new TocBullet(bullet.text(), grips));
        }
      }
      TocChanges changes = new TocChanges(store);
      changes.write(new TocNode(nodeId, node.level(), node.title(), summary.summary(), bullets, summary.keywords(),
          node.childNodeIds(), node.startTimeMs(), node.endTimeMs(), 0));
      int version = changes.node(nodeId).map(TocNode::version).orElse(node.version());
      store.write(tx -> {
        changes.writeTo(tx);
        store.tocIndex().putRolledUpVersion(tx, nodeId, version);
      });
      return true;
    });
  }

  /** Each bullet of a child becomes a statement the summarizer may cite; citing it cites its grips. */
  private static void addStatements(TocNode child, List<SummaryEvent> statements, Map<String, List<String>> evidence) {
    List<TocBullet> bullets = child.bullets();
    if (bullets.isEmpty()) {
      bullets = List.of(new TocBullet(child.title(), List.of()));
    }
    for (TocBullet bullet : bullets) {
      String id = child.nodeId() + "#" + statements.size();
      evidence.put(id, bullet.gripIds());
      statements.add(new SummaryEvent(id, child.startTimeMs(), EventRole.ASSISTANT.number(), 0,
          asSentence(bullet.text()), Map.of()));
    }
  }

  private static String asSentence(String text) {
    return text.matches(".*[.!?…]$") ? text : text + ".";
  }
}
