package dev.daybreak.bench;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Counts the store calls the controller makes, as DynamoDB requests: a point read or query is one
 * read, a scan (every environment, every desired item, or both at once) is one scan, a conditional
 * write is one write. Scans are counted apart because DynamoDB charges them for every item they
 * pass over.
 */
final class CountingStore implements StateStore {

  final AtomicLong reads = new AtomicLong();
  final AtomicLong scans = new AtomicLong();
  final AtomicLong writes = new AtomicLong();
  private final StateStore store;
  private volatile BiConsumer<String, EnvironmentStatus> onStatus = (env, status) -> {};

  CountingStore(StateStore store) {
    this.store = store;
  }

  /** Tells {@code listener} every status written (after the write succeeded). */
  void onStatus(BiConsumer<String, EnvironmentStatus> listener) {
    this.onStatus = listener;
  }

  @Override
  public StoredSpec applySpec(Manifest manifest) {
    writes.incrementAndGet();
    return store.applySpec(manifest);
  }

  @Override
  public Optional<StoredSpec> spec(String environment) {
    reads.incrementAndGet();
    return store.spec(environment);
  }

  @Override
  public Optional<StoredEnvironment> environment(String environment) {
    reads.incrementAndGet();
    return store.environment(environment);
  }

  @Override
  public List<String> environments() {
    scans.incrementAndGet();
    return store.environments();
  }

  @Override
  public DesiredScan scanDesired() {
    scans.incrementAndGet();
    return store.scanDesired();
  }

  @Override
  public DesiredRead desired(String environment) {
    reads.incrementAndGet();
    return store.desired(environment);
  }

  @Override
  public Map<String, DesiredRead> allDesired() {
    scans.incrementAndGet();
    return store.allDesired();
  }

  @Override
  public StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned) {
    writes.incrementAndGet();
    return store.writeDesired(environment, desired, expectedVersion, via, pinned);
  }

  @Override
  public StoredDesired adoptHandEdit(String environment, StoredDesired seen) {
    writes.incrementAndGet();
    return store.adoptHandEdit(environment, seen);
  }

  @Override
  public Optional<StoredStatus> status(String environment) {
    reads.incrementAndGet();
    return store.status(environment);
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion) {
    writes.incrementAndGet();
    StoredStatus written = store.writeStatus(environment, status, expectedVersion);
    onStatus.accept(environment, status);
    return written;
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence) {
    writes.incrementAndGet();
    StoredStatus written = store.writeStatus(environment, status, expectedVersion, fence);
    onStatus.accept(environment, status);
    return written;
  }

  @Override
  public Optional<NotificationThread> notificationThread(String environment) {
    reads.incrementAndGet();
    return store.notificationThread(environment);
  }

  @Override
  public boolean recordNotificationThread(NotificationThread thread) {
    writes.incrementAndGet();
    return store.recordNotificationThread(thread);
  }

  @Override
  public List<AuditEntry> audit(String environment, int limit) {
    reads.incrementAndGet();
    return store.audit(environment, limit);
  }

  @Override
  public void recordDowntimes(String environment, List<Downtime> downtimes) {
    writes.addAndGet(downtimes.size());
    store.recordDowntimes(environment, downtimes);
  }

  @Override
  public List<Downtime> downtimes(String environment, Instant from, Instant to) {
    reads.incrementAndGet();
    return store.downtimes(environment, from, to);
  }

  /** A snapshot of the counters. */
  Counts counts() {
    return new Counts(reads.get(), scans.get(), writes.get());
  }

  record Counts(long reads, long scans, long writes) {
    Counts minus(Counts earlier) {
      return new Counts(reads - earlier.reads, scans - earlier.scans, writes - earlier.writes);
    }
  }
}
