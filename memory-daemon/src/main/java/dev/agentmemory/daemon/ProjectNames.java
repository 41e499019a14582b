package dev.agentmemory.daemon;

import dev.agentmemory.storage.InvalidArgumentException;
import java.nio.file.Path;

/** Project names and where their stores live: {@code projects/<name>/} beside the default store. */
public final class ProjectNames {
  private static final int MAX_LENGTH = 100;

  private ProjectNames() {}

  /**
   * The directory name for a project: ASCII letters, digits, '.', '_' and '-' kept, anything else
   * becomes '_'; never empty, "." or "..".
   */
  public static String sanitize(String project) {
    StringBuilder name = new StringBuilder();
    for (char c : project.trim().toCharArray()) {
      name.append(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_');
      if (name.length() == MAX_LENGTH) {
        break;
      }
    }
    String result = name.toString();
    if (result.isEmpty() || result.chars().allMatch(c -> c == '.')) {
      throw new InvalidArgumentException("project name '" + project + "' is empty or only dots");
    }
    return result;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** The projects directory beside the default store {@code dbPath}. */
  public static Path projectsDir(Path dbPath) {
    Path parent = dbPath.toAbsolutePath().getParent();
    return (parent == null ? dbPath.toAbsolutePath() : parent).resolve("projects");
  }

  /** The store directory of {@code project}. */
  public static Path storeDir(Path dbPath, String project) {
    return projectsDir(dbPath).resolve(sanitize(project));
  }
}
