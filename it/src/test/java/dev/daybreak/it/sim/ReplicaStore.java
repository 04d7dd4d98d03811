package dev.daybreak.it.sim;

import dev.daybreak.manifests.Manifest;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Fence;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredSpec;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared store as one replica sees it: every call goes to the shared store; status writes go
 * through {@link Hooks}, which record who wrote under which lease epoch and may pause the replica
 * with the write in flight or just after it.
 */
final class ReplicaStore implements StateStore {

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

  private final StateStore shared;
  private final Hooks hooks;

  ReplicaStore(StateStore shared, Hooks hooks) {
    this.shared = shared;
    this.hooks = hooks;
  }

  @Override
  public StoredSpec applySpec(Manifest manifest) {
    return shared.applySpec(manifest);
  }

  @Override
  public Optional<StoredSpec> spec(String environment) {
    return shared.spec(environment);
  }

  @Override
  public Optional<StoredEnvironment> environment(String environment) {
    Optional<StoredEnvironment> read = shared.environment(environment);
    hooks.readReturned();
    return read;
  }

  @Override
  public List<String> environments() {
    return shared.environments();
  }

  @Override
  public DesiredRead desired(String environment) {
    return shared.desired(environment);
  }

  @Override
  public Map<String, DesiredRead> allDesired() {
    return shared.allDesired();
  }

  @Override
  public StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned) {
    return shared.writeDesired(environment, desired, expectedVersion, via, pinned);
  }

  @Override
  public StoredDesired adoptHandEdit(String environment, StoredDesired seen) {
    return shared.adoptHandEdit(environment, seen);
  }

  @Override
  public Optional<StoredStatus> status(String environment) {
    return shared.status(environment);
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion) {
    return hooks.statusWrite(
        environment,
        Optional.empty(),
        () -> shared.writeStatus(environment, status, expectedVersion));
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence) {
    return hooks.statusWrite(
        environment,
        Optional.of(fence),
        () -> shared.writeStatus(environment, status, expectedVersion, fence));
  }

  @Override
  public Optional<NotificationThread> notificationThread(String environment) {
    return shared.notificationThread(environment);
  }

  @Override
  public boolean recordNotificationThread(NotificationThread thread) {
    return shared.recordNotificationThread(thread);
  }

  @Override
  public List<AuditEntry> audit(String environment, int limit) {
    return shared.audit(environment, limit);
  }
}
