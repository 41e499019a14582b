package dev.agentmemory.cli;

import dev.agentmemory.daemon.EventFilter;
import dev.agentmemory.daemon.EventService;
import dev.agentmemory.daemon.Forgetting;
import dev.agentmemory.daemon.backup.Backups;
import dev.agentmemory.daemon.operations.IndexRebuildProgress;
import dev.agentmemory.daemon.operations.MemoryOperations;
import dev.agentmemory.daemon.operations.StoreReport;
import dev.agentmemory.daemon.operations.TocRebuildProgress;
import dev.agentmemory.domain.StoreVerification;
import dev.agentmemory.event.Event;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Operations for tests of the CLI's own logic: each verb fails unless the test overrides it, so a
 * test states exactly what it expects to be called.
 */
public class FakeOperations implements MemoryOperations {

  private static UnsupportedOperationException notFaked(String verb) {
    return new UnsupportedOperationException(verb + " is not faked in this test");
  }

  @Override
  public EventService.BatchResult ingest(String project, List<Event> batch) {
    throw notFaked("ingest");
  }

  @Override
  public List<Event> events(String project, long fromMs, long toMs, int limit, EventFilter filter) {
    throw notFaked("events");
  }

  @Override
  public Forgetting.Result forget(String project, Optional<Forgetting.Selection> what, boolean dryRun) {
    throw notFaked("forget");
  }

  @Override
  public void rebuildToc(String project, Optional<LocalDate> from, boolean dryRun, Consumer<TocRebuildProgress> progress) {
    throw notFaked("rebuildToc");
  }

  @Override
  public void rebuildIndex(String project, boolean keepVectors, Consumer<IndexRebuildProgress> progress) {
    throw notFaked("rebuildIndex");
  }

  @Override
  public List<String> compact(String project, String columnFamily) {
    throw notFaked("compact");
  }

  @Override
  public String resetCheckpoint(String project, String job) {
    throw notFaked("resetCheckpoint");
  }

  @Override
  public Backups.Result backup(Optional<String> dest, OptionalInt keep) {
    throw notFaked("backup");
  }

  @Override
  public StoreReport stats(String project) {
    throw notFaked("stats");
  }

  @Override
  public List<String> stores() {
    throw notFaked("stores");
  }

  @Override
  public void export(String project, long fromMs, long toMs, Consumer<Event> each) {
    throw notFaked("export");
  }

  @Override
  public Map<String, StoreVerification> verify() {
    throw notFaked("verify");
  }

  @Override
  public void close() {
    // holds nothing
  }
}
