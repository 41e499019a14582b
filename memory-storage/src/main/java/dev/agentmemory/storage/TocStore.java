package dev.agentmemory.storage;

import dev.agentmemory.storage.rocksdb.Cf;
import dev.agentmemory.storage.rocksdb.Entry;
import dev.agentmemory.storage.rocksdb.RocksStorage;
import dev.agentmemory.storage.rocksdb.Table;
import dev.agentmemory.storage.rocksdb.TocCodecs.NodeVersion;
import dev.agentmemory.storage.rocksdb.TocCodecs.Pointer;
import dev.agentmemory.storage.rocksdb.TocCodecs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Versioned TOC nodes and their grips. Writing a node stores a new version and moves the latest
 * pointer in the same batch, so readers always see a complete node; old versions are kept. A node
 * taken out of navigation keeps an unlinked pointer, so its version numbers never restart.
 */
public final class TocStore {

  private final Table<NodeVersion, TocNode> nodes;
  private final Table<String, Pointer> latest;
  private final Table<String, Grip> grips;

  TocStore(RocksStorage storage) {
    this.nodes = storage.table(Cf.TOC_NODES, TocCodecs.NODE_VERSION, TocCodecs.NODE);
    this.latest = storage.table(Cf.TOC_LATEST, TocCodecs.NODE_ID, TocCodecs.POINTER);
    this.grips = storage.table(Cf.GRIPS, TocCodecs.GRIP_ID, TocCodecs.GRIP);
  }

  /** The latest version of a node, if the node exists and is linked into navigation. */
  public Optional<TocNode> latest(String nodeId) {
    return latest.get(nodeId)
        .filter(Pointer::linked)
        .flatMap(pointer -> nodes.get(new NodeVersion(nodeId, pointer.version())));
  }

  /**
   * The latest versions of the linked nodes among {@code nodeIds}, in their order (unknown or
   * unlinked ones left out): two reads of RocksDB for the whole list, pointers then nodes.
   */
  public List<TocNode> latest(List<String> nodeIds) {
    List<Pointer> pointers = latest.getAll(nodeIds);
    List<NodeVersion> wanted = new ArrayList<>();
    for (int i = 0; i < nodeIds.size(); i++) {
      Pointer pointer = pointers.get(i);
      if (pointer != null && pointer.linked()) {
        wanted.add(new NodeVersion(nodeIds.get(i), pointer.version()));
      }
    }
    List<TocNode> found = new ArrayList<>(wanted.size());
    for (TocNode node : nodes.getAll(wanted)) {
      if (node != null) {
        found.add(node);
      }
    }
    return found;
  }

  /** The highest version ever stored for {@code nodeId}, linked or not; 0 when none. */
  public int lastVersion(String nodeId) {
    return latest.get(nodeId).map(Pointer::version).orElse(0);
  }

  /** One stored version of a node. */
  public Optional<TocNode> version(String nodeId, int version) {
    return nodes.get(new NodeVersion(nodeId, version));
  }

  /** Latest versions of every node of {@code level}, in id order (time order for one level). */
  public List<TocNode> latestOfLevel(TocLevel level) {
    List<NodeVersion> wanted = new ArrayList<>();
    try (CloseableIterator<Entry<String, Pointer>> it = latest.scan(levelStart(level), levelEnd(level))) {
      while (it.hasNext()) {
        Entry<String, Pointer> pointer = it.next();
        if (pointer.value().linked()) {
          wanted.add(new NodeVersion(pointer.key(), pointer.value().version()));
        }
      }
    }
    List<TocNode> result = new ArrayList<>(wanted.size());
    for (TocNode node : nodes.getAll(wanted)) {
      if (node != null) {
        result.add(node);
      }
    }
    return result;
  }

  /** Stores {@code node} (its version must be new) and makes it the latest, in {@code batch}. */
  public void put(WriteTx tx, TocNode node) {
    nodes.insert(tx.batch(), new NodeVersion(node.nodeId(), node.version()), node);
    latest.upsert(tx.batch(), node.nodeId(), new Pointer(node.version(), true));
  }

  /** Takes a node out of navigation; its versions stay stored. */
  public void unlink(WriteTx tx, String nodeId) {
    int version = lastVersion(nodeId);
    if (version > 0) {
      latest.upsert(tx.batch(), nodeId, new Pointer(version, false));
    }
  }

  /** Ids of every linked node (for a full rebuild, which unlinks them all first). */
  public List<String> linkedIds() {
    return linkedIds(null, null);
  }

  /** Ids of the linked nodes of one level, in id order (for days: oldest first); no node is read. */
  public List<String> linkedIds(TocLevel level) {
    return linkedIds(levelStart(level), levelEnd(level));
  }

  private List<String> linkedIds(String from, String to) {
    List<String> ids = new ArrayList<>();
    try (CloseableIterator<Entry<String, Pointer>> it = latest.scan(from, to)) {
      it.forEachRemaining(pointer -> {
        if (pointer.value().linked()) {
          ids.add(pointer.key());
        }
      });
    }
    return ids;
  }

  /**
   * Deletes every version of every node, linked or not, whose period ends at or after
   * {@code fromMs}, and the grips those nodes made, as part of {@code tx}: what {@code admin
   * forget} removes before the TOC is rebuilt from that time (old versions quote what they
   * summarized). Returns what it deleted, for the counters.
   */
  public Purged purgeFrom(WriteTx tx, long fromMs) {
    List<String> purged = new ArrayList<>();
    long linked = 0;
    long gripsDeleted = 0;
    try (CloseableIterator<Entry<String, Pointer>> it = latest.scan(null, null)) {
      while (it.hasNext()) {
        Entry<String, Pointer> pointer = it.next();
        Optional<TocNode> node = nodes.get(new NodeVersion(pointer.key(), pointer.value().version()));
        if (node.isEmpty() || node.get().endTimeMs() >= fromMs) {
          nodes.deleteRange(tx.batch(), new NodeVersion(pointer.key(), 0), new NodeVersion(pointer.key(), Integer.MAX_VALUE));
          latest.deleteIfExists(tx.batch(), pointer.key());
          purged.add(pointer.key());
          linked += pointer.value().linked() ? 1 : 0;
        }
      }
    }
    Set<String> sources = new HashSet<>(purged);
    try (CloseableIterator<Entry<String, Grip>> it = grips.scan(null, null)) {
      while (it.hasNext()) {
        Entry<String, Grip> grip = it.next();
        if (sources.contains(grip.value().source()) || grip.value().timestampMs() >= fromMs) {
          grips.deleteIfExists(tx.batch(), grip.key());
          gripsDeleted++;
        }
      }
    }
    return new Purged(purged, linked, gripsDeleted);
  }

  /** What {@link #purgeFrom} deleted: node ids, how many of them were linked, grips. */
  public record Purged(List<String> nodeIds, long linkedNodes, long grips) {}

  /**
   * Checks that every linked node can be read, its children are linked nodes, and every grip its
   * bullets cite exists and cites stored events. Returns the linked nodes and the grips counted.
   */
  long[] verify(Consumer<String> problem, Predicate<String> eventStored) {
    long nodeCount = 0;
    int reported = 0;
    for (String id : linkedIds()) {
      nodeCount++;
      Optional<TocNode> node = latest(id);
      if (node.isEmpty()) {
        if (reported++ < EventStore.MAX_REPORTED) {
          problem.accept("TOC node " + id + " is linked but cannot be read");
        }
        continue;
      }
      for (String child : node.get().childNodeIds()) {
        if (!isLinked(child) && reported++ < EventStore.MAX_REPORTED) {
          problem.accept("TOC node " + id + " lists child " + child + ", which is not in the TOC");
        }
      }
      for (TocBullet bullet : node.get().bullets()) {
        for (String gripId : bullet.gripIds()) {
          Optional<Grip> grip = grips.get(gripId);
          if (grip.isEmpty()) {
            if (reported++ < EventStore.MAX_REPORTED) {
              problem.accept("TOC node " + id + " cites grip " + gripId + ", which does not exist");
            }
          } else if ((!eventStored.test(grip.get().eventIdStart()) || !eventStored.test(grip.get().eventIdEnd()))
              && reported++ < EventStore.MAX_REPORTED) {
            problem.accept("grip " + gripId + " cites an event that is not stored");
          }
        }
      }
    }
    long gripCount = 0;
    try (CloseableIterator<Entry<String, Grip>> it = grips.scan(null, null)) {
      while (it.hasNext()) {
        it.next();
        gripCount++;
      }
    }
    return new long[] {nodeCount, gripCount};
  }

  public Optional<Grip> grip(String gripId) {
    return grips.get(gripId);
  }

  public void putGrip(WriteTx tx, Grip grip) {
    grips.upsert(tx.batch(), grip.gripId(), grip);
  }

  /** Whether a node id has a pointer that is linked into navigation. */
  public boolean isLinked(String nodeId) {
    return latest.get(nodeId).map(Pointer::linked).orElse(false);
  }

  /** First key of a level's ids: {@code toc:day:}. */
  static String levelStart(TocLevel level) {
    return level.idPrefix();
  }

  /** First key after a level's ids: the prefix with its last character (':') incremented. */
  static String levelEnd(TocLevel level) {
    String prefix = level.idPrefix();
    return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
  }
}
