package dev.daybreak.reconcile;

import dev.daybreak.manifests.Manifest;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DesiredScan;
import dev.daybreak.store.Fence;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredSpec;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real store with a hook: subclasses override one method to put another writer's action at an
 * exact point of a pass (a race that timing alone would make flaky). Shared through the test-jar
 * (the deterministic simulation's per-replica store extends it).
 */
public abstract class ForwardingStateStore implements StateStore {

  private final StateStore delegate;

  protected ForwardingStateStore(StateStore delegate) {
    this.delegate = delegate;
  }

  protected StateStore delegate() {
    return delegate;
  }

  @Override
  public StoredSpec applySpec(Manifest manifest) {
    return delegate.applySpec(manifest);
  }

  @Override
  public Optional<StoredSpec> spec(String environment) {
    return delegate.spec(environment);
  }

  @Override
  public Optional<StoredEnvironment> environment(String environment) {
    return delegate.environment(environment);
  }

  @Override
  public List<String> environments() {
    return delegate.environments();
  }

  @Override
  public DesiredScan scanDesired() {
    return delegate.scanDesired();
  }

  @Override
  public DesiredRead desired(String environment) {
    return delegate.desired(environment);
  }

  @Override
  public Map<String, DesiredRead> allDesired() {
    return delegate.allDesired();
  }

  @Override
  public StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned) {
    return delegate.writeDesired(environment, desired, expectedVersion, via, pinned);
  }

  @Override
  public StoredDesired adoptHandEdit(String environment, StoredDesired seen) {
    return delegate.adoptHandEdit(environment, seen);
  }

  @Override
  public Optional<StoredStatus> status(String environment) {
    return delegate.status(environment);
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion) {
    return delegate.writeStatus(environment, status, expectedVersion);
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence) {
    return delegate.writeStatus(environment, status, expectedVersion, fence);
  }

  @Override
  public Optional<NotificationThread> notificationThread(String environment) {
    return delegate.notificationThread(environment);
  }

  @Override
  public boolean recordNotificationThread(NotificationThread thread) {
    return delegate.recordNotificationThread(thread);
  }

  @Override
  public List<AuditEntry> audit(String environment, int limit) {
    return delegate.audit(environment, limit);
  }

  @Override
  public void recordDowntimes(String environment, List<Downtime> downtimes) {
    delegate.recordDowntimes(environment, downtimes);
  }

  @Override
  public List<Downtime> downtimes(String environment, Instant from, Instant to) {
    return delegate.downtimes(environment, from, to);
  }
}
