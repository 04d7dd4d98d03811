package dev.daybreak.lease;

import dev.daybreak.store.Fence;
import java.util.Optional;

/** Whether this process may act on an environment now, and how its status writes are fenced. */
public interface Ownership {

  /** Empty when another replica is responsible for {@code environment}; do not act on it. */
  Optional<Authority> authority(String environment);

  /** This process alone acts on every environment (the sandbox, {@code reconcile --once}). */
  static Ownership sole() {
    return environment -> Optional.of(new Authority(Optional.empty()));
  }

  /**
   * Leave to act on an environment.
   *
   * @param fence the lease to fence status writes with; empty when no lease is involved
   */
  record Authority(Optional<Fence> fence) {}
}
