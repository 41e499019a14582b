package dev.agentmemory.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexRolloutsTest {
  private static final Path FIXTURES = Path.of("src", "test", "resources", "codex");

  private List<Event> read(Path file, ClaudeTranscripts.Counts counts) throws Exception {
    List<Event> events = new ArrayList<>();
    new CodexRollouts(0).read(file, counts, events::add);
    return events;
  }

  @Test
  void shouldReadMessagesAndToolCalls_leavingOutInjectedContextAndRepeats() throws Exception {
    // given
    List<Path> files = CodexRollouts.find(FIXTURES);
    ClaudeTranscripts.Counts counts = new ClaudeTranscripts.Counts();

    // when
    List<Event> events = read(files.get(files.size() - 1), counts);

    // then: the plain file (the .zst copy is in another directory)
    assertThat(files).hasSize(2);
    assertThat(events).extracting(Event::text).containsExactly(
        "Why does the ledger export drop quarantined entries?",
        "Tool shell: rg -n quarantined src/export.rs\n41:    .filter(|e| !e.quarantined)\n",
        "Tool apply_patch: *** Begin Patch\n*** Update File: src/export.rs\n-    .filter(|e| !e.quarantined)\n*** End Patch\n"
            + "Success. Updated the following files:\nM src/export.rs",
        "The exporter filtered quarantined rows in LedgerExport::filter; I removed the filter.");
    assertThat(events).extracting(Event::role).containsExactly(EventRole.USER.number(), EventRole.TOOL.number(),
        EventRole.TOOL.number(), EventRole.ASSISTANT.number());
    assertThat(events).allSatisfy(event -> {
      assertThat(event.agent()).isEqualTo("codex");
      assertThat(event.sessionId()).isEqualTo("0199c3a4-7b2e-7f10-9c3d-5e8f1a2b4c6d");
      assertThat(event.metadata()).containsEntry("project", "ledger-api").containsEntry("source", "codex-rollout");
    });
    assertThat(events.get(0).timestampMs()).isEqualTo(Instant.parse("2026-11-30T09:14:05Z").toEpochMilli());
    assertThat(counts.malformed).isEqualTo(1);
    assertThat(counts.events).isEqualTo(4);
  }

  @Test
  void shouldReadACompressedRollout_asTheSameEvents() throws Exception {
    // given
    Path plain = CodexRollouts.find(FIXTURES).stream().filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    Path compressed = FIXTURES.resolve("compressed").resolve(plain.getFileName() + ".zst");

    // when
    List<Event> fromPlain = read(plain, new ClaudeTranscripts.Counts());
    List<Event> fromCompressed = read(compressed, new ClaudeTranscripts.Counts());

    // then: same ids (from session and line), so importing either stores them once
    assertThat(Files.exists(compressed)).isTrue();
    assertThat(fromCompressed).extracting(Event::eventId).containsExactlyElementsOf(
        fromPlain.stream().map(Event::eventId).toList());
  }
}
