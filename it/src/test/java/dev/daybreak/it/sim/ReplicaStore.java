package dev.daybreak.it.sim;

import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.reconcile.ForwardingStateStore;
import dev.daybreak.store.Fence;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared store as one replica sees it: every call goes to the shared store; status writes go
 * through {@link Hooks}, which record who wrote under which lease epoch and may pause the replica
 * with the write in flight or just after it.
 */
final class ReplicaStore extends ForwardingStateStore {

  /** What happens around a status write. */
  interface Hooks {
    /**
     * Runs {@code write} (the write as it reaches the store) for {@code environment} under {@code
     * fence}; returns what it returned or throws what it threw.
     */
    StoredStatus statusWrite(
        String environment, Optional<Fence> fence, Supplier<StoredStatus> write);

    /** A read of the environment (spec, desired, status) returned. */
    void readReturned();
  }

  private final Hooks hooks;

  ReplicaStore(StateStore shared, Hooks hooks) {
    super(shared);
    this.hooks = hooks;
  }

  @Override
  public Optional<StoredEnvironment> environment(String environment) {
    Optional<StoredEnvironment> read = delegate().environment(environment);
    hooks.readReturned();
    return read;
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion) {
    return hooks.statusWrite(
        environment,
        Optional.empty(),
        () -> delegate().writeStatus(environment, status, expectedVersion));
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence) {
    return hooks.statusWrite(
        environment,
        Optional.of(fence),
        () -> delegate().writeStatus(environment, status, expectedVersion, fence));
  }
}
