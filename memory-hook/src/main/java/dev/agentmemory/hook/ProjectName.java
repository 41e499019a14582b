package dev.agentmemory.hook;

import dev.agentmemory.event.Ulids;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

/**
 * A project's name as a file name: the directory of its store, the file of its session-start
 * memory. Here so the hook and the daemon agree on it without the hook needing the daemon.
 */
public final class ProjectName {
  /** Names the project of everything captured or read, instead of the git root of the directory. */
  public static final String ENV = "MEMORY_PROJECT";
  private static final int MAX_LENGTH = 100;
  private static final int HASH_CHARS = 8;

  private ProjectName() {}

  /**
   * The project of work in {@code dir}, as the hook tags it: $MEMORY_PROJECT, else the name of the
   * directory's git root (of the directory itself outside a repository).
   */
  public static String of(Map<String, String> env, Path dir) {
    String named = env.getOrDefault(ENV, "").trim();
    return named.isEmpty() ? GitInfo.of(dir).project() : named;
  }

  /**
   * ASCII letters, digits, '.', '_' and '-' kept, anything else becomes '_', at most 100
   * characters. Where that loses anything (a character replaced, the name cut), a short stable
   * hash of the whole name follows, so names that differ never share a store: {@code café} is
   * {@code caf_-d124c525}, {@code cafè} {@code caf_-82c412d9}. A name this returns maps to itself.
   *
   * @throws IllegalArgumentException when that leaves nothing, or only dots
   */
  public static String sanitize(String project) {
    String trimmed = project.trim();
    String readable = readable(trimmed, Integer.MAX_VALUE);
    String result = readable.equals(trimmed) && readable.length() <= MAX_LENGTH ? readable
        : readable.substring(0, Math.min(readable.length(), MAX_LENGTH - HASH_CHARS - 1)) + "-" + hash(trimmed);
    if (trimmed.isEmpty() || readable.replace(".", "").isEmpty()) {
      throw new IllegalArgumentException("project name '" + project + "' is empty or only dots");
    }
    return result;
  }

  /**
   * The name versions before 0.2 gave a project (without the hash, so some names shared one): how
   * stores made by them are found and migrated.
   */
  public static String legacy(String project) {
    return readable(project.trim(), MAX_LENGTH);
  }

  private static String readable(String name, int max) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      out.append(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_');
      if (out.length() == max) {
        break;
      }
    }
    return out.toString();
  }

  private static String hash(String name) {
    return HexFormat.of().formatHex(Ulids.hash(name), 0, HASH_CHARS / 2);
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
