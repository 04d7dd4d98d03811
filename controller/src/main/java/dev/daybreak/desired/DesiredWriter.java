package dev.daybreak.desired;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DesiredStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.Via;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How every writer of desired state (the CLI, chat-ops) changes it: the named services are checked
 * against the spec, then the item is written conditionally on the version just read, outrunning a
 * concurrent writer a few times before giving up.
 */
public final class DesiredWriter {

  /** A conflicting writer is outrun this often before the write gives up. */
  private static final int ATTEMPTS = 3;

  private DesiredWriter() {}

  /**
   * The first of {@code services} the environment does not declare, if any; the caller reports it
   * and writes nothing.
   */
  public static Optional<String> unknownService(
      StoredEnvironment environment, List<String> services) {
    List<String> declared = declared(environment);
    return services.stream().map(String::trim).filter(s -> !declared.contains(s)).findFirst();
  }

  /** The environment's declared (logical) service names, in manifest order. */
  public static List<String> declared(StoredEnvironment environment) {
    return environment.spec().spec().services().stream().map(ServiceSpec::name).toList();
  }

  /** The trimmed service names, in the order given, without repeats. */
  public static Set<String> normalized(List<String> services) {
    Set<String> wanted = new LinkedHashSet<>();
    services.forEach(s -> wanted.add(s.trim()));
    return wanted;
  }

  /**
   * Writes {@code desired} over whatever the item holds now (a malformed item is replaced and
   * reported to {@code onMalformed}), retrying on a version conflict.
   *
   * @throws ConflictException when other writers won {@value #ATTEMPTS} times in a row
   */
  public static StoredDesired write(
      DesiredStore store,
      String environment,
      DesiredState desired,
      Via via,
      Consumer<String> onMalformed) {
    return write(store, environment, desired, via, false, onMalformed);
  }

  /**
   * As {@link #write(DesiredStore, String, DesiredState, Via, Consumer)}, pinned (the change then
   * ignores the schedule until its {@code until}, or for good) when {@code pinned}.
   */
  public static StoredDesired write(
      DesiredStore store,
      String environment,
      DesiredState desired,
      Via via,
      boolean pinned,
      Consumer<String> onMalformed) {
    ConflictException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      DesiredRead read = store.desired(environment);
      long version = 0;
      if (read instanceof DesiredRead.Valid valid) {
        version = valid.stored().version();
      } else if (read instanceof DesiredRead.Invalid invalid) {
        version = invalid.version();
        onMalformed.accept(invalid.reason());
      }
      try {
        return store.writeDesired(environment, desired, version, via, pinned);
      } catch (ConflictException e) {
        last = e;
      }
    }
    throw last;
  }
}
