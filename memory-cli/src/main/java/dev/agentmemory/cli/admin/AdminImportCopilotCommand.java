package dev.agentmemory.cli.admin;

import dev.agentmemory.capture.CopilotSessionState;
import dev.agentmemory.capture.Transcripts;
import dev.agentmemory.hook.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code admin import copilot}: Copilot CLI's session logs, with their own times and sessions. */
@Command(
    name = "copilot",
    mixinStandardHelpOptions = true,
    description = {
      "Import Copilot CLI sessions ($COPILOT_HOME/session-state/<session>/events.jsonl): prompts, answers, "
          + "tool executions with their results, with their original times and sessions.",
      "Importing twice stores everything once."
    })
public final class AdminImportCopilotCommand extends TranscriptImportCommand {
  @Override
  String agentName() {
    return "Copilot CLI";
  }

  @Override
  Path defaultRoot(Platform platform) {
    String home = platform.env().getOrDefault("COPILOT_HOME", "");
    return (home.isBlank() ? platform.home().resolve(".copilot") : Path.of(home)).resolve("session-state");
  }

  @Override
  Transcripts source(long sinceMs) {
    return new CopilotSessionState(sinceMs);
  }
}
