package dev.agentmemory.hook;

/**
 * A project's name as a file name: the directory of its store, the file of its session-start
 * memory. Here so the hook and the daemon agree on it without the hook needing the daemon.
 */
public final class ProjectName {
  private static final int MAX_LENGTH = 100;

  private ProjectName() {}

  /**
   * ASCII letters, digits, '.', '_' and '-' kept, anything else becomes '_', at most 100 characters.
   *
   * @throws IllegalArgumentException when that leaves nothing, or only dots
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
      throw new IllegalArgumentException("project name '" + project + "' is empty or only dots");
    }
    return result;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
