package dev.agentmemory.cli.hooks;

import dev.agentmemory.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Claude Code skill that tells the agent when and how to consult its memory:
 * {@code <base>/.claude/skills/agent-memory/SKILL.md}, base being the home directory (personal) or
 * a project. Ours is recognised by its front matter name; a folder of that name without it is the
 * user's and is never touched.
 */
final class AgentSkill {
  static final String NAME = "agent-memory";
  private static final String PLACEHOLDER = "{{memory-daemon}}";
  private static final String MARK = "name: " + NAME + "\n";

  private final Path dir;

  private AgentSkill(Path dir) {
    this.dir = dir;
  }

  /** Claude Code's skill under {@code base} (home or a project): {@code base/.claude/skills/agent-memory}. */
  static AgentSkill claude(Path base) {
    return in(base.resolve(".claude"));
  }

  /** The skill of an agent that reads {@code <its dir>/skills/<name>/SKILL.md} (Claude Code, Codex CLI). */
  static AgentSkill in(Path agentDir) {
    return new AgentSkill(agentDir.resolve("skills").resolve(NAME));
  }

  Path file() {
    return dir.resolve("SKILL.md");
  }

  /** The skill's text, with {@code command} (this installation's launcher) in every example. */
  static String text(String command) {
    try (InputStream in = AgentSkill.class.getResourceAsStream("SKILL.md")) {
      if (in == null) {
        throw new IllegalStateException("SKILL.md is missing from the memory-cli jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(PLACEHOLDER, command);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read SKILL.md from the memory-cli jar", e);
    }
  }

  boolean installed() {
    try {
      return Files.isRegularFile(file()) && Files.readString(file()).contains(MARK);
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes (or updates) the skill; false when it was already there as it would be written. */
  boolean install(String command) {
    String text = text(command);
    try {
      if (Files.isRegularFile(file()) && Files.readString(file()).equals(text)) {
        return false;
      }
      if (Files.exists(file()) && !installed()) {
        throw new CliException(file() + " exists and is not the agent-memory skill; move it aside or use --no-skill");
      }
      Files.createDirectories(dir);
      Files.writeString(file(), text);
      return true;
    } catch (IOException e) {
      throw new CliException("Cannot write " + file() + ": " + e.getMessage());
    }
  }

  /** Removes the skill's folder if it is ours; false when there was none. */
  boolean uninstall() {
    if (!installed()) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
      return true;
    } catch (IOException e) {
      throw new CliException("Cannot remove " + dir + ": " + e.getMessage());
    }
  }
}
