package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Our MCP server in Codex CLI's {@code config.toml}: a {@code [mcp_servers.agent-memory]} table
 * appended as a block of its own, with a comment line before it. The rest of the file is the
 * user's and is never parsed or rewritten: uninstall removes exactly the block it appended, so the
 * file is byte for byte what it was.
 */
final class CodexMcpConfig {
  private static final String MARK = "# agent-memory: added by memory-daemon hooks install --agent codex";
  private static final Pattern TABLE = Pattern.compile("(?m)^\\s*\\[mcp_servers\\.\"?agent-memory\"?\\]");

  private final Path file;

  CodexMcpConfig(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  static String block(String launcher) {
    return "\n" + MARK + "\n[mcp_servers.agent-memory]\ncommand = \"" + launcher.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"\nargs = [\"mcp\"]\n";
  }

  boolean installed() {
    return read().contains(MARK);
  }

  /** Appends our table; false when it is there already (ours or the user's own). */
  boolean install(String launcher) {
    String text = read();
    if (TABLE.matcher(text).find()) {
      return false;
    }
    // the block starts with a line break of its own, so removing it gives back the very bytes
    write(text + block(launcher));
    return true;
  }

  /** Removes the block install appended; false when there is none (a hand-edited one is left alone). */
  boolean uninstall() {
    String text = read();
    int mark = text.indexOf("\n" + MARK + "\n");
    if (mark < 0) {
      return false;
    }
    int end = text.indexOf("args = [\"mcp\"]\n", mark);
    if (end < 0) {
      throw new CliException("The agent-memory block in " + file + " was edited; remove it by hand");
    }
    String rest = text.substring(0, mark) + text.substring(end + "args = [\"mcp\"]\n".length());
    if (rest.isEmpty()) {
      delete(); // the file held nothing else: install created it
    } else {
      write(rest);
    }
    return true;
  }

  private String read() {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new CliException("Cannot read " + file + ": " + e.getMessage());
    }
  }

  private void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new CliException("Cannot remove " + file + ": " + e.getMessage());
    }
  }

  private void write(String text) {
    try {
      FileEdits.backup(file);
      FileEdits.replace(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliException("Cannot write " + file + ": " + e.getMessage());
    }
  }
}
