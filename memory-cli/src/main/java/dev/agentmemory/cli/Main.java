package dev.agentmemory.cli;

import dev.agentmemory.daemon.DaemonStartException;
import dev.agentmemory.daemon.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code memory-daemon} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = execute(args, CliContext.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command line and returns the exit code (see {@link ExitCode}). */
  public static int execute(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
    MemoryDaemonCommand root = new MemoryDaemonCommand(context);
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (error, cmd, parseResult) -> {
          PrintWriter errors = cmd.getErr();
          int code = report(error, errors);
          if (root.stacktrace()) {
            error.printStackTrace(errors);
          }
          errors.flush();
          return code;
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int report(Throwable error, PrintWriter err) {
    if (error instanceof CliException cli) {
      err.println("Error: " + cli.getMessage());
      return cli.exitCode();
    }
    if (error instanceof ConfigException) {
      err.println("Configuration error: " + error.getMessage());
      return ExitCode.ERROR;
    }
    if (error instanceof DaemonStartException) {
      err.println("Error: " + error.getMessage());
      return ExitCode.ERROR;
    }
    if (error instanceof dev.agentmemory.storage.MemoryException) {
      err.println("Error: " + error.getMessage());
      return ExitCode.ERROR;
    }
    if (error instanceof InterruptedException) {
      err.println("Interrupted.");
      return ExitCode.INTERRUPTED;
    }
    err.println("Unexpected error: " + error + " (run again with --stacktrace for details)");
    return ExitCode.ERROR;
  }
}
