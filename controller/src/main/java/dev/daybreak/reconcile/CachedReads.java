package dev.daybreak.reconcile;

import dev.daybreak.lease.Ownership;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The store as the long-running controller reads it: an environment's spec, desired and status
 * items are read once and then served from memory for as long as nothing says they changed, so a
 * settled environment's drift check (once a minute) costs DynamoDB nothing (issue 22).
 *
 * <p>What says an item changed:
 *
 * <ul>
 *   <li>the spec and desired items: the resync's read of the index ({@link #scanDesired}, every
 *       resync period) shows each desired item in full and each spec's generation (its {@code
 *       version}). A read from memory is used only while the newest resync shows exactly what the
 *       remembered read holds, so a hand edit or an apply by anyone is read afresh by the first
 *       pass after the resync that sees it (and {@link Resync} queues that pass). A spec the index
 *       shows no version for (applied before daybreak wrote one) is always read afresh.
 *   <li>the status item: only the holder of the environment's shard writes it, fenced, through this
 *       store, which remembers what it wrote. The remembered status is used only under the
 *       authority (lease and epoch) it was read or written under: after a hand-over, or once this
 *       replica lost the shard, the next pass reads afresh. A write that fails (lost the condition,
 *       or an error whose outcome is unknown) forgets the environment.
 *   <li>writes of the spec or desired item through this store, and {@link #forget} (a chat command
 *       or CLI write through this process), forget the environment.
 * </ul>
 *
 * Whatever the above, nothing is served from memory that was read more than {@link #MAX_AGE} ago: a
 * writer that keeps none of these markers (an older daybreak applying a spec without its {@code
 * version}, a {@code reconcile --once} writing a status unfenced) is seen within that.
 */
public final class CachedReads implements StateStore {

  /**
   * The longest a read is served from memory: ten drift checks. Bounds how long a change made
   * outside the markers above can go unseen, at a tenth of the reads of reading every minute.
   */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final StateStore store;
  private final Ownership ownership;
  private final Clock clock;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private volatile DesiredScan latest = new DesiredScan(List.of(), Map.of());

  /** A read as it was made, and the authority it is valid under. */
  record Remembered(StoredEnvironment environment, Optional<Fence> fence, Instant readAt) {}

  /**
   * @param store the store read through
   * @param ownership whose authority a remembered status is valid under
   * @param clock how old a remembered read is
   */
  public CachedReads(StateStore store, Ownership ownership, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.ownership = Objects.requireNonNull(ownership, "ownership");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether a remembered read may be used instead of reading: the newest resync shows its desired
   * item and spec generation unchanged, it is under the authority it was made under, and it is not
   * older than {@link #MAX_AGE}.
   */
  static boolean usable(
      Remembered remembered,
      DesiredScan latest,
      Optional<Ownership.Authority> authority,
      Instant now) {
    StoredEnvironment env = remembered.environment();
    return authority.isPresent()
        && authority.get().fence().equals(remembered.fence())
        && !now.isAfter(remembered.readAt().plus(MAX_AGE))
        && !now.isBefore(remembered.readAt())
        && latest.specVersionOf(env.name()).equals(Optional.of(env.spec().generation()))
        && latest.desiredOf(env.name()).equals(env.desired());
  }

  /**
   * What the last pass read of {@code environment}, with the status it wrote since; empty when
   * nothing is remembered (never read, forgotten, or read without the shard).
   */
  public Optional<StoredEnvironment> lastRead(String environment) {
    return Optional.ofNullable(remembered.get(environment)).map(Remembered::environment);
  }

  /** Forgets what was read of {@code environment}: its next pass reads it afresh. */
  public void forget(String environment) {
    remembered.remove(environment);
  }

  @Override
  public Optional<StoredEnvironment> environment(String environment) {
    Optional<Ownership.Authority> authority = ownership.authority(environment);
    Instant now = clock.instant();
    Remembered known = remembered.get(environment);
    if (known != null && usable(known, latest, authority, now)) {
      return Optional.of(known.environment());
    }
    Optional<StoredEnvironment> read = store.environment(environment);
    if (read.isPresent() && authority.isPresent()) {
      remembered.put(environment, new Remembered(read.get(), authority.get().fence(), now));
    } else {
      remembered.remove(environment);
    }
    return read;
  }

  @Override
  public DesiredScan scanDesired() {
    DesiredScan scan = store.scanDesired();
    latest = scan;
    remembered.keySet().retainAll(scan.environments());
    return scan;
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion) {
    return written(
        environment,
        Optional.empty(),
        () -> store.writeStatus(environment, status, expectedVersion));
  }

  @Override
  public StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence) {
    return written(
        environment,
        Optional.of(fence),
        () -> store.writeStatus(environment, status, expectedVersion, fence));
  }

  /**
   * Remembers a status this store wrote, under the fence it was written with; forgets the
   * environment when the write failed, whether it lost its condition or its outcome is unknown.
   */
  private StoredStatus written(
      String environment, Optional<Fence> fence, Supplier<StoredStatus> write) {
    StoredStatus stored;
    try {
      stored = write.get();
    } catch (RuntimeException e) {
      remembered.remove(environment);
      throw e;
    }
    remembered.computeIfPresent(
        environment,
        (name, known) -> {
          StoredEnvironment was = known.environment();
          return new Remembered(
              new StoredEnvironment(
                  name,
                  was.spec(),
                  was.createdAt(),
                  was.appliedAt(),
                  was.desired(),
                  Optional.of(stored)),
              fence,
              known.readAt());
        });
    return stored;
  }

  @Override
  public StoredSpec applySpec(Manifest manifest) {
    forget(manifest.spec().name());
    try {
      return store.applySpec(manifest);
    } finally {
      forget(manifest.spec().name());
    }
  }

  @Override
  public StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned) {
    forget(environment);
    try {
      return store.writeDesired(environment, desired, expectedVersion, via, pinned);
    } finally {
      forget(environment);
    }
  }

  @Override
  public StoredDesired adoptHandEdit(String environment, StoredDesired seen) {
    forget(environment);
    try {
      return store.adoptHandEdit(environment, seen);
    } finally {
      forget(environment);
    }
  }

  @Override
  public Optional<StoredSpec> spec(String environment) {
    return store.spec(environment);
  }

  @Override
  public List<String> environments() {
    return store.environments();
  }

  @Override
  public DesiredRead desired(String environment) {
    return store.desired(environment);
  }

  @Override
  public Map<String, DesiredRead> allDesired() {
    return store.allDesired();
  }

  @Override
  public Map<String, Long> statusVersions() {
    return store.statusVersions();
  }

  @Override
  public Optional<StoredStatus> status(String environment) {
    return store.status(environment);
  }

  @Override
  public Optional<NotificationThread> notificationThread(String environment) {
    return store.notificationThread(environment);
  }

  @Override
  public boolean recordNotificationThread(NotificationThread thread) {
    return store.recordNotificationThread(thread);
  }

  @Override
  public List<AuditEntry> audit(String environment, int limit) {
    return store.audit(environment, limit);
  }

  @Override
  public void recordDowntimes(String environment, List<Downtime> downtimes) {
    store.recordDowntimes(environment, downtimes);
  }

  @Override
  public List<Downtime> downtimes(String environment, Instant from, Instant to) {
    return store.downtimes(environment, from, to);
  }
}
