package dev.daybreak.cli;

import dev.daybreak.model.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak wake NAME}: sets the desired state to AWAKE. */
@Command(
    name = "wake",
    mixinStandardHelpOptions = true,
    description = {
      "Sets an environment's desired state to AWAKE (optionally for a while, or for some services"
          + " and what they depend on). The controller then wakes it tier by tier.",
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
final class WakeCommand implements Callable<Integer> {

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

  @Option(
      names = "--services",
      paramLabel = "SERVICE",
      split = ",",
      description = "Only these services (and the services they depend on). Default: all.")
  List<String> services = new ArrayList<>();

  private final CliContext context;

  WakeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return BulkChange.run(
        spec, context, store, Optional.ofNullable(name), bulk, State.AWAKE, request, services);
  }
}
