package dev.daybreak.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code daybreak} command line: kubectl-like verbs for environments and the controller. */
@Command(
    name = "daybreak",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Puts ECS development environments to sleep and wakes them in dependency order.",
      ""
    },
    subcommands = {CommandLine.HelpCommand.class, EcsSimCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  the command ran and found a problem (invalid manifest, Degraded environment, ...)",
      "  2  bad command-line usage"
    })
public final class Daybreak {

  private Daybreak() {}

  /** The picocli command line, configured the same way for {@code main} and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Daybreak());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
