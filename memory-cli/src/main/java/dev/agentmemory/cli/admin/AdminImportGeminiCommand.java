package dev.agentmemory.cli.admin;

import dev.agentmemory.capture.GeminiChats;
import dev.agentmemory.capture.Transcripts;
import dev.agentmemory.hook.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code admin import gemini}: Gemini CLI's chat recordings, with their own times and sessions. */
@Command(
    name = "gemini",
    mixinStandardHelpOptions = true,
    description = {
      "Import Gemini CLI chats (~/.gemini/tmp/<project>/chats/*.jsonl, older session-*.json): prompts, "
          + "answers, tool calls with their output, replayed as Gemini CLI does (a repeated message id replaces "
          + "the earlier, rewinds drop what followed).",
      "Gemini CLI deletes chats after 30 days by default: import before. Importing twice stores everything "
          + "once."
    })
public final class AdminImportGeminiCommand extends TranscriptImportCommand {
  @Override
  String agentName() {
    return "Gemini CLI";
  }

  @Override
  Path defaultRoot(Platform platform) {
    String home = platform.env().getOrDefault("GEMINI_CLI_HOME", "");
    return (home.isBlank() ? platform.home() : Path.of(home)).resolve(".gemini").resolve("tmp");
  }

  @Override
  Transcripts source(long sinceMs) {
    return new GeminiChats(sinceMs);
  }
}
