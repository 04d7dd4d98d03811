package dev.daybreak.store;

import dev.daybreak.manifests.Manifest;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.savings.Downtime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where daybreak keeps each environment's spec, desired state, status and audit trail. Every write
 * is conditional on the item's version: a write against a stale version fails with {@link
 * ConflictException} and changes nothing.
 */
public interface StateStore {

  /**
   * How long a recorded downtime (what {@code daybreak savings} counts) is kept after it ended: as
   * long as the audit by default (400 days), so every month of the past year can be reported.
   */
  java.time.Duration DOWNTIME_RETENTION = java.time.Duration.ofDays(400);

  /** Stores a validated manifest as the environment's spec and bumps its generation. */
  StoredSpec applySpec(Manifest manifest);

  /** The environment's applied spec, if any. */
  Optional<StoredSpec> spec(String environment);

  /**
   * The environment's spec, desired item and status, read together; empty when no spec was applied.
   */
  Optional<StoredEnvironment> environment(String environment);

  /**
   * The names of every environment with an applied spec, sorted. DynamoDB reads them from an index
   * (what it costs grows with the environments, not their history), so a spec applied a moment ago
   * may be missing for that moment.
   */
  List<String> environments();

  /**
   * The environment's desired item as read (absent, valid, or invalid with the reason). Never
   * throws for a malformed item.
   */
  DesiredRead desired(String environment);

  /** Every desired item (the resync's cheap scan), by environment name in name order. */
  Map<String, DesiredRead> allDesired();

  /**
   * {@link #environments()} and {@link #allDesired()} read together, from the table's index where
   * the store can (eventually consistent): what the resync reads every period. This default reads
   * them one after the other; a store (or a wrapper counting requests) should override it.
   */
  default DesiredScan scanDesired() {
    return new DesiredScan(environments(), allDesired());
  }

  /**
   * Every environment's status version, by environment name, from the table's index where the store
   * can (eventually consistent): how the serverless mode tells a status someone else wrote since it
   * last looked without reading the statuses. This default reads each status.
   */
  default Map<String, Long> statusVersions() {
    Map<String, Long> versions = new java.util.TreeMap<>();
    for (String environment : environments()) {
      status(environment).ifPresent(s -> versions.put(environment, s.version()));
    }
    return versions;
  }

  /**
   * Writes the desired state if the item's version is still {@code expectedVersion} (0 when the
   * item must not exist yet), and records an audit entry. A hand edit found in the item is recorded
   * (as {@link #adoptHandEdit} would) before it is replaced; a malformed item is replaced when
   * {@code expectedVersion} is the version {@link DesiredRead.Invalid} reported.
   *
   * @throws ConflictException when someone else wrote first
   */
  default StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via) {
    return writeDesired(environment, desired, expectedVersion, via, false);
  }

  /**
   * As {@link #writeDesired(String, DesiredState, long, Via)}, and pins the change against the
   * schedule when {@code pinned} ({@code wake --pin}): it then holds past the schedule's next edge,
   * until its {@code until} or for good.
   *
   * @throws ConflictException when someone else wrote first
   */
  StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned);

  /**
   * Takes over a desired item someone edited by hand (read as {@link DesiredRead.Valid} with {@code
   * handEdited}): records it in the audit with {@link Via#DYNAMODB} and stamps it with the next
   * version, leaving the requested state as the person wrote it. Call it when a read first shows
   * the hand edit; the environment is driven by the item either way.
   *
   * @param seen the item as read
   * @return the item as stamped
   * @throws ConflictException when the item changed after {@code seen} was read
   */
  StoredDesired adoptHandEdit(String environment, StoredDesired seen);

  /** The environment's status as the controller last wrote it. */
  Optional<StoredStatus> status(String environment);

  /**
   * Writes the status if its version is still {@code expectedVersion} (0 when it must not exist
   * yet).
   *
   * @throws ConflictException when another writer got there first
   */
  StoredStatus writeStatus(String environment, EnvironmentStatus status, long expectedVersion);

  /**
   * Writes the status as {@link #writeStatus(String, EnvironmentStatus, long)} does, and only if
   * the item was not last written under {@code fence}'s lease at a higher epoch; records the fence
   * on the item. Once a lease holder at epoch e has written an environment's status, no writer
   * fenced at an epoch below e under that lease can write it again.
   *
   * @throws ConflictException when another writer got there first or a newer holder wrote it
   */
  StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence);

  /**
   * The Slack thread of the environment's latest announced operation, as recorded by {@link
   * #recordNotificationThread}; empty when none was recorded or the item is malformed (a new
   * message then replaces it).
   */
  Optional<NotificationThread> notificationThread(String environment);

  /**
   * Records where an operation's notification message was posted, in an item of its own (never the
   * status item, so it does not contend with the controller's fenced status writes), unless the
   * item already records a newer operation.
   *
   * @return true when recorded; false when a newer operation's thread was kept
   */
  boolean recordNotificationThread(NotificationThread thread);

  /** The newest audit entries of an environment, newest first. */
  List<AuditEntry> audit(String environment, int limit);

  /**
   * Records downtimes that ended ({@link dev.daybreak.model.savings.SleepLedger}): one item each,
   * keyed by where it began, so recording one again overwrites it. Kept for 35 days.
   */
  void recordDowntimes(String environment, List<Downtime> downtimes);

  /**
   * The environment's recorded downtimes that overlap [{@code from}, {@code to}), oldest first
   * (those still open are in its status, {@link EnvironmentStatus#downSince()}).
   */
  List<Downtime> downtimes(String environment, Instant from, Instant to);
}
