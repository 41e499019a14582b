package dev.agentmemory.cli.lifecycle;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.cli.Usage;
import dev.agentmemory.daemon.lifecycle.DaemonInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code logs [-n N] [-f]}: the end of the daemon's log file, and what it writes next. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print the last lines of the daemon's log (the running daemon's file, else log_file of the "
          + "configuration).",
      "-f keeps printing what it writes, across rotations, until Ctrl-C."
    })
public final class LogsCommand implements Callable<Integer> {
  private static final long POLL_MS = 300;

  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;

  @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50", description = "How many lines (default: ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as the daemon writes them.")
  boolean follow;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Usage.requireRange(spec, "--lines", lines, 0, 1_000_000);
    Path file = root.context().runningDaemon().map(DaemonInfo::logFile).filter(name -> !name.isEmpty()).map(Path::of)
        .orElse(root.config().log().file());
    if (!Files.exists(file) && !follow) {
      throw new CliException("No log at " + file + " (a daemon started with `start --foreground` logs to its terminal "
          + "unless log_file is set)");
    }
    PrintWriter out = spec.commandLine().getOut();
    long offset = Files.exists(file) ? printLast(file, out) : 0;
    while (follow) {
      out.flush();
      Thread.sleep(POLL_MS);
      long size = Files.exists(file) ? Files.size(file) : 0;
      if (size < offset) {
        offset = 0; // rotated: the file was renamed away and a new one begun
      }
      if (size > offset) {
        offset = copy(file, offset, size, out);
      }
    }
    out.flush();
    return 0;
  }

  /** Prints the last {@code lines} lines; returns the file's length. */
  private long printLast(Path file, PrintWriter out) throws IOException {
    Deque<String> last = new ArrayDeque<>();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        last.addLast(line);
        if (last.size() > lines) {
          last.removeFirst();
        }
      }
    }
    last.forEach(out::println);
    return Files.size(file);
  }

  private static long copy(Path file, long from, long to, PrintWriter out) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      byte[] bytes = new byte[(int) Math.min(to - from, 1 << 20)];
      in.seek(from);
      in.readFully(bytes);
      out.print(new String(bytes, StandardCharsets.UTF_8));
      return from + bytes.length;
    }
  }
}
