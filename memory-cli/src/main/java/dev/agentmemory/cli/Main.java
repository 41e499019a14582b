package dev.agentmemory.cli;

import dev.agentmemory.cli.client.GrpcDaemonClient;
import dev.agentmemory.daemon.DaemonStartException;
import dev.agentmemory.daemon.config.ConfigException;
import dev.agentmemory.domain.MemoryException;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of the {@code memory-daemon} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // picocli otherwise looks for Groovy on the class path (a miss through every jar: 7 ms a command)
    System.setProperty("picocli.disable.closures", "true");
    int code = execute(args, CliContext.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command line and returns the exit code (see {@link ExitCode}). */
  public static int execute(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
    MemoryDaemonCommand root = new MemoryDaemonCommand(context);
    CommandLine commandLine = new CommandLine(root);
    // picocli builds the model of every command it is given, by reflection: a tenth of a second
    // for all of them. A command line that names one gets only that one (help gets all).
    String chosen = chosenSubcommand(args);
    if (chosen != null && CLIENT_COMMANDS.contains(chosen)) {
      GrpcDaemonClient.prepareInBackground();
    }
    MemoryDaemonCommand.SUBCOMMANDS.forEach((name, type) -> {
      if (chosen == null || chosen.equals(name)) {
        commandLine.addSubcommand(name, type);
      }
    });
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

  /** Commands that talk to a running daemon. */
  private static final Set<String> CLIENT_COMMANDS = Set.of("status", "query", "search", "admin", "scheduler");

  /**
   * The subcommand named by the first argument that is not a global option; "" for --version
   * (which needs none); null when it names none (help and errors list them all).
   */
  static String chosenSubcommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-c", "--config", "--log-level" -> i++;
        case "-x", "--stacktrace" -> { }
        case "-V", "--version" -> {
          return "";
        }
        default -> {
          return MemoryDaemonCommand.SUBCOMMANDS.containsKey(args[i]) ? args[i] : null;
        }
      }
    }
    return null;
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
    if (error instanceof MemoryException) {
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
