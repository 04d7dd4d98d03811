package dev.daybreak.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daybreak completion}: prints the shell completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the bash/zsh completion script: source <(daybreak completion)",
      "or save it, e.g. daybreak completion > /etc/bash_completion.d/daybreak.",
      "zsh needs 'autoload -U +X bashcompinit && bashcompinit' first."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  CompletionCommand(CliContext context) {}

  @Override
  public Integer call() {
    spec.commandLine()
        .getOut()
        .print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
