package dev.agentmemory.cli.auth;

import dev.agentmemory.cli.CliException;
import dev.agentmemory.cli.ExitCode;
import dev.agentmemory.cli.MemoryDaemonCommand;
import dev.agentmemory.daemon.lifecycle.DaemonToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code auth}: what a client of this user needs to call the daemon over TCP. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Credentials of the running daemon, for clients that call it over TCP (see docs/security.md).",
    subcommands = AuthCommand.Token.class)
public final class AuthCommand {
  @ParentCommand MemoryDaemonCommand root;

  /** {@code auth token}: prints the running daemon's token. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Print the running daemon's token.",
        "Calls over TCP (all but health) must carry it as the metadata 'authorization: Bearer TOKEN', e.g. "
            + "grpcurl -plaintext -H \"authorization: Bearer $(memory-daemon auth token)\" ... A new token is made "
            + "at each start. Over the Unix socket (grpcurl -unix) no token is needed."
      })
  static final class Token implements Callable<Integer> {
    @ParentCommand AuthCommand auth;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      var files = auth.root.context().daemonFiles();
      if (auth.root.context().runningDaemon().isEmpty()) {
        throw new CliException("The memory daemon is not running, so it has no token. Start it: memory-daemon start",
            ExitCode.NOT_RUNNING);
      }
      String token = DaemonToken.read(files.tokenFile()).orElseThrow(() -> new CliException(
          "Cannot read the daemon's token in " + files.tokenFile() + ": only the user who runs the daemon can."));
      spec.commandLine().getOut().println(token);
      return ExitCode.OK;
    }
  }
}
