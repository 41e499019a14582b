package dev.agentmemory.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code completion}: the bash and zsh completion script of every command and option. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script (bash, and zsh through bashcompinit).",
      "bash: source <(memory-daemon completion), or save it as ~/.local/share/bash-completion/completions/memory-daemon.",
      "zsh: autoload -U +X bashcompinit && bashcompinit && source <(memory-daemon completion)."
    })
public final class CompletionCommand implements Callable<Integer> {
  @ParentCommand MemoryDaemonCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // the command line that runs this holds only this subcommand (Main adds the one named): build all
    CommandLine all = new CommandLine(new MemoryDaemonCommand(root.context()));
    MemoryDaemonCommand.SUBCOMMANDS.forEach(all::addSubcommand);
    spec.commandLine().getOut().print(AutoComplete.bash("memory-daemon", all));
    return 0;
  }
}
