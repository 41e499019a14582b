package dev.agentmemory.cli.hooks;

import dev.agentmemory.hook.Platform;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The installation this CLI runs from, as the launcher script tells it (MEMORY_DAEMON_LAUNCHER). */
final class Launcher {
  private Launcher() {}

  /** This installation's launcher, absolute; just "memory-daemon" when not run through it. */
  static String path(Platform platform) {
    String launcher = platform.env().get("MEMORY_DAEMON_LAUNCHER");
    return launcher == null || launcher.isBlank() ? "memory-daemon" : launcher;
  }

  /**
   * A warning when this launcher is a build's ({@code .../target/memory-daemon/bin}): what is
   * registered would break with the next {@code mvn clean}. Names the installed release's stable
   * launcher when there is one.
   */
  static Optional<String> inBuildTree(Platform platform) {
    String path = path(platform);
    if (!path.replace('\\', '/').contains("/target/memory-daemon/bin/")) {
      return Optional.empty();
    }
    Path installed = platform.dataDir().resolve("app").resolve("current").resolve("bin").resolve("memory-daemon");
    return Optional.of("Warning: " + path + " is in a build tree: a rebuild or `mvn clean` removes it and the agents' "
        + "hooks, skill and MCP entry stop working. " + (Files.isExecutable(installed)
            ? "Register the installed release instead: " + installed + " hooks install"
            : "Install a release (README: Install) and run its `memory-daemon hooks install` instead."));
  }

  /** The launcher as a shell word (quoted when it holds a space). */
  static String command(Platform platform) {
    String path = path(platform);
    return path.contains(" ") ? "\"" + path + "\"" : path;
  }

  /** The command Claude Code should run: this installation's launcher with "hook". */
  static String hookCommand(Platform platform) {
    return command(platform) + " hook";
  }

  /**
   * Runs the hook once on a sample payload while the JVM records the classes it loads into
   * {@code lib/hook.jsa}, which the launcher then maps at every hook start (class-data sharing).
   */
  /** The jars of the hook's class path (bin/memory-daemon builds the same one, in this order). */
  private static final List<String> HOOK_JARS = List.of("memory-hook-", "memory-event-", "jackson-core-");

  static void recordClassDataArchive(PrintWriter out) {
    Optional<Path> lib = libDirectory();
    if (lib.isEmpty() || !Files.isWritable(lib.get())) {
      out.println("  Class-data archive: skipped (no writable installation directory found)");
      return;
    }
    try {
      // the launcher's hook class path, in its order: an archive only maps for the same one
      List<String> classpath = new ArrayList<>();
      for (String prefix : HOOK_JARS) {
        try (Stream<Path> jars = Files.list(lib.get())) {
          jars.map(Path::getFileName).map(Path::toString).filter(name -> name.startsWith(prefix)).sorted()
              .forEach(name -> classpath.add(lib.get().resolve(name).toString()));
        }
      }
      Path archive = lib.get().resolve("hook.jsa");
      Path temp = lib.get().resolve("hook.jsa.tmp");
      String java = ProcessHandle.current().info().command().orElse("java");
      Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-XX:ArchiveClassesAtExit=" + temp, "-Xlog:disable", "-Xlog:all=off",
          "-cp", String.join(File.pathSeparator, classpath), "dev.agentmemory.hook.HookMain", "--warm-up")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 && Files.exists(temp)) {
        Files.move(temp, archive, StandardCopyOption.REPLACE_EXISTING);
        readableByAll(archive);
        out.printf("  Class-data archive: %s%n", archive);
      } else {
        process.destroyForcibly();
        out.println("  Class-data archive: could not be recorded; the hook works, a little slower");
      }
    } catch (IOException e) {
      out.println("  Class-data archive: could not be recorded (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The archive holds classes, nothing of the memory: every user of a shared installation maps it
   * (the launcher's umask 077 would leave it to this user alone).
   */
  private static void readableByAll(Path archive) {
    try {
      Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system, or not ours to change: the hook still works
    }
  }

  private static Optional<Path> libDirectory() {
    String launcher = System.getenv("MEMORY_DAEMON_LAUNCHER");
    if (launcher == null || launcher.isBlank()) {
      return Optional.empty();
    }
    Path lib = Path.of(launcher).toAbsolutePath().getParent().resolveSibling("lib");
    return Files.isDirectory(lib) ? Optional.of(lib) : Optional.empty();
  }
}
