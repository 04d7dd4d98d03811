package dev.daybreak.cli;

import dev.daybreak.store.SpecStore;
import dev.daybreak.store.StoredEnvironment;

/** Finding an environment by the name a user typed. */
final class Lookup {

  private Lookup() {}

  /** The environment, or a one-line error naming the known ones. */
  static StoredEnvironment environment(SpecStore store, String name) {
    return store
        .environment(name)
        .orElseThrow(
            () -> {
              var names = store.environments();
              return new CliException(
                  ExitCodes.PROBLEM,
                  "unknown environment '"
                      + name
                      + "': no manifest applied under that name (known: "
                      + (names.isEmpty() ? "none yet" : String.join(", ", names))
                      + "); apply one with daybreak apply -f FILE");
            });
  }
}
