package dev.agentmemory.daemon.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.daemon.grpc.InProcessMemoryService;
import dev.agentmemory.proto.EventRole;
import dev.agentmemory.toc.TokenCounter;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecentMemoryTest {
  private static final long DAY = 86_400_000L;
  private static final long JAN_2 = 1_767_312_000_000L; // Friday 2026-01-02T00:00:00Z

  @RegisterExtension final InProcessMemoryService service = new InProcessMemoryService(1 << 20);

  private void ingest(String session, long ts, EventRole role, String text) {
    service.ingest(session, ts, role, text);
  }


  @Test
  void shouldTellNothing_aboutAnEmptyStore() {
    assertThat(new RecentMemory(service.store(), ZoneOffset.UTC, 600, "memory-daemon").compose("shop")).isEmpty();
  }

  @Test
  void shouldListTheNewestSegmentsFirst_withinTheTokenBudget() throws InterruptedException {
    // given: ten days of sessions
    for (int day = 0; day < 10; day++) {
      long t = JAN_2 + day * DAY + 9 * 3_600_000L;
      ingest("s" + day, t, EventRole.EVENT_ROLE_USER, "Day " + day + ": please fix the flaky checkout test number " + day + ".");
      ingest("s" + day, t + 60_000, EventRole.EVENT_ROLE_ASSISTANT,
          "The checkout test " + day + " failed because the clock was not mocked; I injected a fixed Clock.");
    }
    service.awaitTocBuilt();

    // when
    Optional<String> small = new RecentMemory(service.store(), ZoneOffset.UTC, 150, "memory-daemon").compose("shop");
    String large = new RecentMemory(service.store(), ZoneOffset.UTC, 4000, "memory-daemon").compose("shop").orElseThrow();

    // then
    assertThat(small).isPresent();
    assertThat(TokenCounter.shared().count(small.get())).isLessThanOrEqualTo(150);
    assertThat(large).startsWith("# Memory of project shop (agent-memory)\n")
        .contains("- Sun 2026-01-11 09:00-09:01: Day 9: please fix the flaky checkout test number 9.\n"
            + "  - Outcome: The checkout test 9 failed because the clock was not mocked; I injected a fixed Clock.\n")
        .contains("memory-daemon search \"WORDS\" --project . --json");
    assertThat(large.indexOf("2026-01-11")).isLessThan(large.indexOf("2026-01-10"));
    assertThat(large).as("14 days looked at, all 10 listed").contains("2026-01-02");
    assertThat(small.get().lines().filter(line -> line.startsWith("- ")).count())
        .isLessThan(large.lines().filter(line -> line.startsWith("- ")).count());
  }

  @Test
  void shouldCarryWhatTheAssistantConcluded_notOnlyTheQuestion() throws InterruptedException {
    // given: a session that asked, ran a failing tool, and concluded; another session at the same time
    long t = JAN_2 + 9 * 3_600_000L;
    ingest("ledger", t, EventRole.EVENT_ROLE_USER, "What did we decide about the ledger? The export keeps failing.");
    ingest("ledger", t + 30_000, EventRole.EVENT_ROLE_TOOL, "Tool Bash failed: redis-cli ping");
    ingest("other", t + 40_000, EventRole.EVENT_ROLE_ASSISTANT, "Unrelated: the logo is now blue.");
    ingest("ledger", t + 60_000, EventRole.EVENT_ROLE_ASSISTANT,
        "We decided to keep the ledger in Postgres; the export now reads the ledger table, and it passes.");
    service.awaitTocBuilt();

    // when
    String block = new RecentMemory(service.store(), ZoneOffset.UTC, 600, "memory-daemon").compose("shop").orElseThrow();

    // then: the ledger session's entry ends in its decision (the other session's line is its own)
    assertThat(block).containsPattern("09:00-09:01: [^\\n]*\\n  - Outcome: We decided to keep the ledger in Postgres; "
        + "the export now reads the ledger table, and it passes.\\n");
  }

  @Test
  void shouldFindTheDecision_whenItIsNotTheLastAnswer_andShowWhatWasLeftUnanswered() throws InterruptedException {
    // given: the decision, then a follow-up answered with bookkeeping, then a request with no answer
    long t = JAN_2 + 9 * 3_600_000L;
    ingest("deploy", t, EventRole.EVENT_ROLE_USER, "Can we deploy blue-green instead of with rolling updates?");
    ingest("deploy", t + 60_000, EventRole.EVENT_ROLE_ASSISTANT, "Let me look at the migrations first. "
        + "Blue-green doubles the pods. Decision: stay with rolling updates and run migrations in a job.");
    ingest("deploy", t + 120_000, EventRole.EVENT_ROLE_USER, "ok, write the migration job");
    ingest("deploy", t + 180_000, EventRole.EVENT_ROLE_ASSISTANT, "Done, see the job file.");
    ingest("deploy", t + 240_000, EventRole.EVENT_ROLE_USER, "Next: alert when the migration job fails");
    service.awaitTocBuilt();

    // when
    String block = new RecentMemory(service.store(), ZoneOffset.UTC, 600, "memory-daemon").compose("shop").orElseThrow();

    // then: the first request whole as the heading, the decision, the open request; nothing twice
    assertThat(block).contains("- Fri 2026-01-02 09:00-09:04: Can we deploy blue-green instead of with rolling updates?\n"
        + "  - Outcome: Decision: stay with rolling updates and run migrations in a job. Done, see the job file.\n"
        + "  - Open: Next: alert when the migration job fails\n");
    assertThat(block).doesNotContain("Let me look");
    assertThat(block.split("alert when the migration job fails", -1)).hasSize(2);
  }
}
