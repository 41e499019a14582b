package dev.agentmemory.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `admin import gemini|copilot|opencode`: each agent's transcript store read as events. */
class OtherAgentTranscriptsTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources");

  @TempDir Path temp;

  private static List<Event> readAll(Transcripts transcripts, Path root, ClaudeTranscripts.Counts counts) throws IOException {
    List<Event> events = new ArrayList<>();
    for (Path file : transcripts.files(root)) {
      transcripts.read(file, counts, events::add);
    }
    return events;
  }

  private static List<String> texts(List<Event> events) {
    return events.stream().map(Event::text).toList();
  }

  @Test
  void gemini_shouldReplayTheAppendLog_lastWriteWinsAndRewinds() throws IOException {
    ClaudeTranscripts.Counts counts = new ClaudeTranscripts.Counts();
    List<Event> events = readAll(new GeminiChats(0), RESOURCES.resolve("gemini"), counts);

    assertThat(texts(events)).containsExactly(
        "Why is the spring tide prediction off by an hour in March?",
        "Let me look for fixed offsets.",
        "Tool run_shell_command: grep -rn ZoneOffset src/\nsrc/predict.py:41: tz = ZoneOffset(hours=1)",
        "The predictor used a fixed UTC+1 offset; daylight saving starts in March, so I switched it to the Europe/Berlin zone.");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.agent()).isEqualTo("gemini");
      assertThat(event.sessionId()).isEqualTo("5d1c9a0e-3f2b-4e71-a8c4-92b7e0d1f6a3");
      assertThat(event.metadata()).containsEntry("project", "tide-tables");
    });
    assertThat(events.get(0).timestampMs()).isEqualTo(Instant.parse("2026-11-30T10:02:40.512Z").toEpochMilli());
    assertThat(events.get(2).type()).isEqualTo(EventType.TOOL_RESULT.number());
    assertThat(counts.malformed).isEqualTo(1);
    assertThat(readAll(new GeminiChats(0), RESOURCES.resolve("gemini"), new ClaudeTranscripts.Counts()))
        .extracting(Event::eventId).as("the same ids each time").isEqualTo(events.stream().map(Event::eventId).toList());
  }

  @Test
  void copilot_shouldJoinToolStartAndCompletion_andTakeTheProjectFromTheSession() throws IOException {
    List<Event> events = readAll(new CopilotSessionState(0), RESOURCES.resolve("copilot"), new ClaudeTranscripts.Counts());

    assertThat(texts(events)).containsExactly(
        "Add a --dry-run flag to the berth allocator command",
        "Tool bash: grep -rn allocate src/commands\nsrc/commands/berth.ts:12: export function allocate(",
        "I added --dry-run to `berth allocate`: it prints the plan and writes nothing.");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.agent()).isEqualTo("copilot");
      assertThat(event.sessionId()).isEqualTo("c0p1-8f2e-4b7a-9d10-3e5a7c9b1d2f");
      assertThat(event.metadata()).containsEntry("project", "harbor-cli");
    });
  }

  @Test
  void opencode_shouldReadTheDatabaseAndTheOlderJsonTree() throws IOException, SQLException {
    Path data = temp.resolve("opencode");
    FileTrees.copy(RESOURCES.resolve("opencode").resolve("storage"), data.resolve("storage"));
    createDatabase(data.resolve("opencode.db"), RESOURCES.resolve("opencode").resolve("opencode.sql"));
    ClaudeTranscripts.Counts counts = new ClaudeTranscripts.Counts();

    List<Event> events = readAll(new OpenCodeStorage(0), data, counts);

    assertThat(texts(events)).containsExactly(
        "The kiln firing queue starves low-priority jobs; make it fair.",
        "Tool bash: go test ./queue/...\n--- FAIL: TestFairness (0.01s)\n    queue_test.go:88: job 7 waited 41 rounds",
        "I replaced the strict priority pop with weighted round robin; TestFairness passes.",
        "Why does the kiln temperature log skip every tenth reading?",
        "Tool read: {\"filePath\":\"log/reader.go\"}\nfor i := 0; i < n; i += 10 {",
        "The reader stepped by 10 instead of 1; fixed the loop in log/reader.go.");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.agent()).isEqualTo("opencode");
      assertThat(event.metadata()).containsEntry("project", "kiln-scheduler");
    });
    assertThat(events.get(0).sessionId()).isEqualTo("ses_4f2a9c1d7e3bXk");
    assertThat(events.get(0).timestampMs()).isEqualTo(1_796_036_410_000L);
    assertThat(counts.malformed).as("the message whose data is not JSON").isEqualTo(1);
  }

  /** Builds an OpenCode database from the statements of {@code sql} (the importer opens it read-only). */
  static void createDatabase(Path db, Path sql) throws IOException, SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      for (String command : Files.readString(sql).replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
        if (!command.isBlank()) {
          statement.executeUpdate(command);
        }
      }
    }
  }
}
