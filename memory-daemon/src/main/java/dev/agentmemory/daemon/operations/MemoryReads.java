package dev.agentmemory.daemon.operations;

import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What can be read of the memory without changing it: through the running daemon, or from stores
 * opened read-only ({@code ReadOnlyStores}: beside a daemon, or on a backup's copy).
 *
 * <p>{@code project} names the store: a project's, or "" for the default store.
 *
 * @throws dev.agentmemory.domain.NotFoundException (any verb) when the named store does not exist
 */
public interface MemoryReads extends AutoCloseable {

  /** Counts, size, summarizer use, redactions, what was forgotten, and the index's figures if open. */
  StoreReport stats(String project);

  /** The stores there are: "" (the default store) first when it exists, then each project's. */
  List<String> stores();

  /**
   * Hands each of {@code project}'s events in {@code [fromMs, toMs]} ({@code toMs} 0: no end) to
   * {@code each}, oldest first, in bounded memory.
   */
  void export(String project, long fromMs, long toMs, Consumer<Event> each);

  /**
   * Checks every store (checksums and invariants, see {@link
   * dev.agentmemory.storage.MemoryStore#verify()}), by project, the default store ("") first.
   */
  Map<String, StoreVerification> verify();

  /** Lets go of what the reads hold (a connection, or stores opened here). */
  @Override
  void close();
}
