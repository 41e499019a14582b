package dev.agentmemory.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.proto.GetEventsRequest;
import dev.agentmemory.proto.GetStoreStatsRequest;
import dev.agentmemory.proto.GetStoreStatsResponse;
import dev.agentmemory.proto.MemoryServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle daemon's workers sleep until there is work (read from /proc: their voluntary context
 * switches), its indexing and embedding run at a lower priority than capture, and hooks' events
 * still arrive at once, or within a second without a file watcher.
 */
class IdleIT {
  private static final int IDLE_SECONDS = 5;

  @TempDir Path tmp;
  private DaemonProcess daemon;

  @BeforeEach
  void sandbox() {
    daemon = new DaemonProcess(tmp);
    daemon.env.put("MEMORY_MULTI_AGENT_MODE", "unified"); // one store: its stats tell when the backlog is done
  }

  @AfterEach
  void cleanUp() {
    daemon.stopQuietly();
  }

  @Test
  void shouldNotWakeItsWorkersWhileIdle_andWakeThemForAHooksEvent() throws Exception {
    // given: a daemon that took in, built and indexed a hook's event, and has nothing left to do
    int port = daemon.start();
    long spooledAt = spool("the ledger stays in Postgres");
    awaitEvents(port, 1);
    long arrivedMs = (System.nanoTime() - spooledAt) / 1_000_000;
    awaitBacklogDone(port);
    Thread.sleep(3_000); // past the TOC's refresh interval (2 s), which follows every batch it builds

    // when: it stays idle
    Map<String, ThreadState> before = threads(daemon.pid());
    Thread.sleep(IDLE_SECONDS * 1_000L);
    Map<String, ThreadState> after = threads(daemon.pid());

    // then: its workers did not run on a clock (a safety timeout of 30 s or more may fall in the window once)
    assertThat(before.keySet()).as("the daemon's threads").anyMatch(name -> name.contains("memory-toc-work"))
        .anyMatch(name -> name.contains("memory-search-i")).anyMatch(name -> name.contains("memory-spool"))
        .anyMatch(name -> name.contains("memory-schedule")).anyMatch(name -> name.contains("memory-search-s"));
    Map<String, Long> woken = new TreeMap<>();
    after.forEach((thread, state) -> {
      if (thread.contains(" memory-")) {
        woken.put(thread, state.wakeups() - (before.containsKey(thread) ? before.get(thread).wakeups() : 0));
      }
    });
    assertThat(woken).as("wake-ups of the daemon's worker threads in %d s of idleness", IDLE_SECONDS)
        .allSatisfy((thread, count) -> assertThat(count).as(thread).isLessThanOrEqualTo(1));
    // and indexing and embedding yield the CPU to capture (nice 10), capture, queries and the TOC do not
    assertThat(after).as("nice of each thread").anySatisfy((thread, state) -> {
      assertThat(thread).contains(" memory-search-i");
      assertThat(state.nice()).isEqualTo(10);
    }).anySatisfy((thread, state) -> {
      assertThat(thread).contains(" memory-search-v");
      assertThat(state.nice()).isEqualTo(10);
    }).allSatisfy((thread, state) -> {
      if (thread.contains(" memory-spool") || thread.contains(" memory-grpc") || thread.contains(" memory-toc")
          || thread.contains(" memory-search-s")) { // the search's own slice threads serve queries
        assertThat(state.nice()).as(thread).isZero();
      }
    });
    // and the event came in as the hook spooled it, not at the safety timeout
    assertThat(arrivedMs).as("ms from the spool to the store").isLessThan(10_000);

    // when: another event comes, after the idleness
    spooledAt = spool("the invoices are rounded half-even");

    // then: it is taken in at once too
    awaitEvents(port, 2);
    assertThat((System.nanoTime() - spooledAt) / 1_000_000).as("ms from the spool to the store").isLessThan(10_000);
  }

  @Test
  void shouldTakeSpooledEventsInEverySecond_withoutAFileWatcher() throws Exception {
    // given: a daemon told not to use a file watcher (as where the file system reports no changes)
    daemon.env.put("MEMORY_SPOOL_WATCH", "false");
    int port = daemon.start();
    assertThat(daemon.logs()).contains("Looking at the spool every 1 s (spool_watch = false)");

    // when: a hook spools an event
    long spooledAt = spool("keep the retry budget at three");

    // then: it is stored within the documented second (plus the time to look)
    awaitEvents(port, 1);
    assertThat((System.nanoTime() - spooledAt) / 1_000_000).as("ms from the spool to the store").isLessThan(5_000);
  }

  /** Runs the hook with a prompt (it writes the spool and exits); returns when it was done. */
  private long spool(String prompt) throws Exception {
    Path payload = Files.createTempFile(tmp, "prompt", ".json");
    Files.writeString(payload, "{\"session_id\":\"idle\",\"cwd\":\"/tmp\",\"hook_event_name\":\"UserPromptSubmit\","
        + "\"prompt\":\"" + prompt + "\"}");
    assertThat(daemon.runWithInput(payload, "hook").exitCode()).isZero();
    return System.nanoTime();
  }

  private void awaitEvents(int port, int count) throws Exception {
    DaemonProcess.await(() -> {
      ManagedChannel channel = daemon.channel(port);
      try {
        return "events: " + MemoryServiceGrpc.newBlockingStub(channel).getEvents(GetEventsRequest.newBuilder()
            .setFromTimestampMs(0).setToTimestampMs(Long.MAX_VALUE / 2).setLimit(100).build()).getEventsCount();
      } finally {
        channel.shutdownNow();
      }
    }, "events: " + count);
  }

  private void awaitBacklogDone(int port) throws Exception {
    DaemonProcess.await(() -> {
      ManagedChannel channel = daemon.channel(port);
      try {
        GetStoreStatsResponse stats = MemoryServiceGrpc.newBlockingStub(channel)
            .getStoreStats(GetStoreStatsRequest.getDefaultInstance());
        boolean done = stats.getOutbox() == 0 && stats.getSearchBehind() == 0 && stats.getSearchDocuments() > 0
            && stats.getSearchPendingVectors() == 0;
        return done ? "done" : stats.toString();
      } finally {
        channel.shutdownNow();
      }
    }, "done");
  }

  /** A thread's voluntary context switches so far (its wake-ups) and its nice value. */
  private record ThreadState(long wakeups, int nice) {}

  /** Each thread of {@code pid}, keyed "tid name", from /proc (nice: field 19 of its stat). */
  private static Map<String, ThreadState> threads(long pid) throws IOException {
    Map<String, ThreadState> threads = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from field 3 on
          long wakeups = Files.readAllLines(task.resolve("status")).stream()
              .filter(line -> line.startsWith("voluntary_ctxt_switches:"))
              .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElseThrow();
          threads.put(task.getFileName() + " " + Files.readString(task.resolve("comm")).strip(),
              new ThreadState(wakeups, Integer.parseInt(fields[16])));
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    }
    return threads;
  }
}
