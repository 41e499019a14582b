package dev.agentmemory.daemon.operations;

import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.event.Event;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What can be done to the memory, in domain terms, whoever asks and however it gets there: the
 * daemon's gRPC service and an offline command call {@link LocalOperations}, the CLI talking to
 * a running daemon calls its remote twin (memory-cli's {@code RemoteOperations}). Each verb's body
 * exists once, in {@link LocalOperations}; transports only map requests and answers.
 *
 * <p>{@code project} names the store: a project's, or "" for the default store.
 */
public interface MemoryOperations extends MemoryReads {

  /**
   * Stores a batch of events in {@code project}'s store (made on first use), each validated and
   * redacted as the hook's are; an event already stored counts as a duplicate.
   */
  EventService.BatchResult ingest(String project, List<Event> batch);

  /**
   * At most {@code limit} of {@code project}'s events in {@code [fromMs, toMs]} that {@code filter}
   * keeps, oldest first ("": every store's, merged).
   */
  List<Event> events(String project, long fromMs, long toMs, int limit, EventFilter filter);

  /**
   * Forgets {@code what} (empty: the whole project) with everything derived from it, the spool
   * and the session-start memory included, audited.
   *
   * @throws dev.agentmemory.domain.NotFoundException when nothing matches
   */
  Forgetting.Result forget(String project, Optional<Forgetting.Selection> what, boolean dryRun);

  /**
   * Rebuilds the TOC of {@code project}'s store from its events (from {@code from}, else all), or
   * with {@code dryRun} only says what it would rebuild; the last progress is finished.
   */
  void rebuildToc(String project, Optional<LocalDate> from, boolean dryRun, Consumer<TocRebuildProgress> progress);

  /**
   * Rebuilds the search index of {@code project}'s store from its events; {@code keepVectors}
   * keeps the vectors of unchanged units. The last progress is finished.
   */
  void rebuildIndex(String project, boolean keepVectors, Consumer<IndexRebuildProgress> progress);

  /** Compacts {@code project}'s store (one column family, or all for ""); returns those compacted. */
  List<String> compact(String project, String columnFamily);

  /**
   * Clears a scheduled job's checkpoint in {@code project}'s store; returns what was cleared, for
   * people.
   *
   * @throws dev.agentmemory.domain.NotFoundException for a job that does not exist
   */
  String resetCheckpoint(String project, String job);

  /**
   * Backs up every store into a new directory inside backup.dir ({@code dest}: a directory within
   * it; empty: backup.dir itself), keeping the newest {@code keep} (empty: backup.keep).
   */
  Backups.Result backup(Optional<String> dest, OptionalInt keep);
}
