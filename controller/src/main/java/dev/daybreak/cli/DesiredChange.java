package dev.daybreak.cli;

import dev.daybreak.desired.DesiredWriter;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.Via;
import dev.daybreak.time.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code wake} and {@code sleep} share: validate, write the desired item, report. */
final class DesiredChange {

  private DesiredChange() {}

  static int run(
      CommandSpec spec,
      CliContext context,
      StoreOptions storeOptions,
      String name,
      State state,
      RequestOptions request,
      List<String> services) {
    Optional<Instant> until = request.until(context, spec);
    try (var opened = storeOptions.open(context, spec.commandLine().getErr())) {
      StoredEnvironment environment = Lookup.environment(opened.store(), name);
      Set<String> wanted = checkServices(environment, services);
      write(spec, context, opened.store(), name, state, until, request, wanted);
      return ExitCodes.OK;
    }
  }

  /** Writes one environment's desired item and prints what was written. */
  static void write(
      CommandSpec spec,
      CliContext context,
      StateStore store,
      String name,
      State state,
      Optional<Instant> until,
      RequestOptions request,
      Set<String> wanted) {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    DesiredState desired =
        new DesiredState(
            state, until, wanted, request.who(context), request.reason, context.clock().instant());
    StoredDesired stored = write(store, name, desired, request.pin, err);
    out.println(
        "environment/"
            + name
            + " desired "
            + state
            + until.map(u -> " until " + Times.show(u, request.zone(context))).orElse("")
            + (wanted.isEmpty()
                ? ""
                : " for " + String.join(", ", wanted.stream().sorted().toList()))
            + (stored.pinned() ? ", pinned against the schedule" : "")
            + " (version "
            + stored.version()
            + ")");
  }

  /** The --services, normalized; an error naming the environment when one is not declared. */
  static Set<String> checkServices(StoredEnvironment environment, List<String> services) {
    DesiredWriter.unknownService(environment, services)
        .ifPresent(
            unknown -> {
              throw new CliException(
                  ExitCodes.PROBLEM,
                  "unknown service '"
                      + unknown
                      + "' in --services: environment '"
                      + environment.name()
                      + "' has "
                      + String.join(", ", DesiredWriter.declared(environment)));
            });
    return DesiredWriter.normalized(services);
  }

  private static StoredDesired write(
      StateStore store,
      String name,
      DesiredState desired,
      boolean pinned,
      java.io.PrintWriter err) {
    return DesiredWriter.write(
        store,
        name,
        desired,
        Via.CLI,
        pinned,
        reason -> err.println("note: replacing a malformed desired item (" + reason + ")"));
  }
}
