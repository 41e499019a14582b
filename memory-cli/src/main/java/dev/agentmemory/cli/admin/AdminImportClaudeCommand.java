package dev.agentmemory.cli.admin;

import dev.agentmemory.capture.ClaudeTranscripts;
import dev.agentmemory.capture.Transcripts;
import dev.agentmemory.hook.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code admin import claude}: Claude Code transcripts, with their own times and sessions. */
@Command(
    name = "claude",
    mixinStandardHelpOptions = true,
    description = {
      "Import Claude Code transcripts (~/.claude/projects/**/*.jsonl): prompts, answers, tool calls and "
          + "results, with their original times and sessions.",
      "Importing twice stores everything once."
    })
public final class AdminImportClaudeCommand extends TranscriptImportCommand {
  @Override
  String agentName() {
    return "Claude Code";
  }

  @Override
  Path defaultRoot(Platform platform) {
    return platform.home().resolve(".claude").resolve("projects");
  }

  @Override
  Transcripts source(long sinceMs) {
    return new ClaudeTranscripts(sinceMs);
  }
}
