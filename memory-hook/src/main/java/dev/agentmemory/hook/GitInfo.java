package dev.agentmemory.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What is cheap to know about the repository of a working directory without running git: its root
 * (the nearest directory with a {@code .git}), the project name and the checked-out branch.
 */
public record GitInfo(Path root, boolean repository, Optional<String> branch) {
  private static final int MAX_DEPTH = 64;

  public static GitInfo of(Path cwd) {
    Path dir = cwd.toAbsolutePath().normalize();
    for (int depth = 0; dir != null && depth < MAX_DEPTH; depth++, dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.exists(git)) {
        return new GitInfo(dir, true, branch(git));
      }
    }
    return new GitInfo(cwd.toAbsolutePath().normalize(), false, Optional.empty());
  }

  /** The project: the repository root's directory name, or the working directory's. */
  public String project() {
    Path name = root.getFileName();
    return name == null ? "/" : name.toString();
  }

  private static Optional<String> branch(Path git) {
    try {
      Path head = Files.isDirectory(git) ? git.resolve("HEAD") : worktreeHead(git);
      String text = Files.readString(head, StandardCharsets.UTF_8).trim();
      return text.startsWith("ref: refs/heads/")
          ? Optional.of(text.substring("ref: refs/heads/".length()))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A worktree's {@code .git} is a file: {@code gitdir: <path>}. */
  private static Path worktreeHead(Path gitFile) throws IOException {
    String text = Files.readString(gitFile, StandardCharsets.UTF_8).trim();
    String dir = text.startsWith("gitdir:") ? text.substring("gitdir:".length()).trim() : text;
    return gitFile.getParent().resolve(dir).resolve("HEAD");
  }
}
