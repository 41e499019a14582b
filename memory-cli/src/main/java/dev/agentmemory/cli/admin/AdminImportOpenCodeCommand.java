package dev.agentmemory.cli.admin;

import dev.agentmemory.capture.OpenCodeStorage;
import dev.agentmemory.capture.Transcripts;
import dev.agentmemory.hook.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code admin import opencode}: OpenCode's sessions, from its database and its older JSON tree. */
@Command(
    name = "opencode",
    mixinStandardHelpOptions = true,
    description = {
      "Import OpenCode sessions from its data directory ($XDG_DATA_HOME/opencode or "
          + "~/.local/share/opencode): the SQLite database opencode*.db (OpenCode >= 1.2, read-only) and the "
          + "older storage/ JSON tree.",
      "Prompts, answers and tool calls with their output, with their original times and sessions; a session "
          + "in both is stored once, and importing twice stores everything once."
    })
public final class AdminImportOpenCodeCommand extends TranscriptImportCommand {
  @Override
  String agentName() {
    return "OpenCode";
  }

  @Override
  Path defaultRoot(Platform platform) {
    String data = platform.env().getOrDefault("XDG_DATA_HOME", "");
    return (data.isBlank() ? platform.home().resolve(".local").resolve("share") : Path.of(data)).resolve("opencode");
  }

  @Override
  Transcripts source(long sinceMs) {
    return new OpenCodeStorage(sinceMs);
  }
}
