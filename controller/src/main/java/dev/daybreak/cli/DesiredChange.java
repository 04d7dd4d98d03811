package dev.daybreak.cli;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.Via;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code wake} and {@code sleep} share: validate, write the desired item, report. */
final class DesiredChange {

  /** A conflicting writer is outrun this often before the command gives up. */
  private static final int ATTEMPTS = 3;

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
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try (var opened = storeOptions.open(context, err)) {
      StateStore store = opened.store();
      StoredEnvironment environment = Lookup.environment(store, name);
      Set<String> wanted = checkServices(environment, services);
      DesiredState desired =
          new DesiredState(
              state,
              until,
              wanted,
              request.who(context),
              request.reason,
              context.clock().instant());
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
      return ExitCodes.OK;
    }
  }

  private static Set<String> checkServices(StoredEnvironment environment, List<String> services) {
    Set<String> wanted = new LinkedHashSet<>();
    List<String> declared =
        environment.spec().spec().services().stream().map(ServiceSpec::name).toList();
    for (String service : services) {
      String trimmed = service.trim();
      if (!declared.contains(trimmed)) {
        throw new CliException(
            ExitCodes.PROBLEM,
            "unknown service '"
                + trimmed
                + "' in --services: environment '"
                + environment.name()
                + "' has "
                + String.join(", ", declared));
      }
      wanted.add(trimmed);
    }
    return wanted;
  }

  private static StoredDesired write(
      StateStore store,
      String name,
      DesiredState desired,
      boolean pinned,
      java.io.PrintWriter err) {
    ConflictException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      DesiredRead read = store.desired(name);
      long version = 0;
      if (read instanceof DesiredRead.Valid valid) {
        version = valid.stored().version();
      } else if (read instanceof DesiredRead.Invalid invalid) {
        version = invalid.version();
        err.println("note: replacing a malformed desired item (" + invalid.reason() + ")");
      }
      try {
        return store.writeDesired(name, desired, version, Via.CLI, pinned);
      } catch (ConflictException e) {
        last = e;
      }
    }
    throw last;
  }
}
