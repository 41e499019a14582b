package dev.agentmemory.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code admin import}: bring existing history into the store. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import existing conversation history.",
    subcommands = {AdminImportClaudeCommand.class})
public final class AdminImportCommand {
  @ParentCommand AdminCommand admin;

  AdminCommand admin() {
    return admin;
  }
}
