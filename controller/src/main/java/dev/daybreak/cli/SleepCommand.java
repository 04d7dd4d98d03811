package dev.daybreak.cli;

import dev.daybreak.model.State;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak sleep NAME}: sets the desired state to ASLEEP. */
@Command(
    name = "sleep",
    mixinStandardHelpOptions = true,
    description = {
      "Sets an environment's desired state to ASLEEP (optionally for a while). The controller"
          + " then scales it to zero, dependents first.",
      "Nothing is written when an argument is wrong."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE,
      ExitCodes.CONFLICT_LINE
    })
final class SleepCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin RequestOptions request;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "The environment (or -l SELECTOR for every matching one).")
  String name;

  @Mixin BulkOptions bulk;

  private final CliContext context;

  SleepCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return BulkChange.run(
        spec, context, store, Optional.ofNullable(name), bulk, State.ASLEEP, request, List.of());
  }
}
