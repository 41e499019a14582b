package dev.agentmemory.cli.admin;

import dev.agentmemory.capture.CodexRollouts;
import dev.agentmemory.capture.Transcripts;
import dev.agentmemory.hook.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code admin import codex}: Codex CLI's rollouts, with their own times and sessions. */
@Command(
    name = "codex",
    mixinStandardHelpOptions = true,
    description = {
      "Import Codex CLI rollouts ($CODEX_HOME/sessions/**/rollout-*.jsonl, also .jsonl.zst): prompts, "
          + "answers, tool calls with their output, with their original times and sessions.",
      "Importing twice stores everything once."
    })
public final class AdminImportCodexCommand extends TranscriptImportCommand {
  @Override
  String agentName() {
    return "Codex CLI";
  }

  @Override
  Path defaultRoot(Platform platform) {
    String home = platform.env().getOrDefault("CODEX_HOME", "");
    return (home.isBlank() ? platform.home().resolve(".codex") : Path.of(home)).resolve("sessions");
  }

  @Override
  Transcripts source(long sinceMs) {
    return new CodexRollouts(sinceMs);
  }
}
