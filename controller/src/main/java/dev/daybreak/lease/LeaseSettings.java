package dev.daybreak.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * How this replica takes part in sharing the fleet.
 *
 * @param replica this replica's id, unique among the replicas sharing a table
 * @param shards how many shards the environments are hashed over; the same on every replica
 * @param leaseDuration how long a lease must be seen unchanged before another replica takes it
 * @param renewDeadline how long after its last successful renewal a holder stops acting
 * @param retryPeriod how often each replica renews its leases and tries free ones
 */
public record LeaseSettings(
    String replica,
    int shards,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  /** controller-runtime's {@code LeaseDuration} default (client-go leader election), 15 s. */
  public static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  /** controller-runtime's {@code RenewDeadline} default, 10 s. */
  public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);

  /** controller-runtime's {@code RetryPeriod} default, 2 s. */
  public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

  public LeaseSettings {
    Objects.requireNonNull(replica, "replica");
    if (!replica.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "a replica id is 1-64 letters, digits, '.', '_' or '-', found '" + replica + "'");
    }
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("shards must be 1..1024, was " + shards);
    }
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "the renew deadline ("
              + renewDeadline
              + ") must be shorter than the lease duration ("
              + leaseDuration
              + "), or a holder could still act after another replica took over");
    }
    if (retryPeriod.isZero()
        || retryPeriod.isNegative()
        || retryPeriod.compareTo(renewDeadline) >= 0) {
      throw new IllegalArgumentException(
          "the retry period must be > 0 and shorter than the renew deadline, was " + retryPeriod);
    }
  }

  /** controller-runtime's timings for {@code replica} over {@code shards} shards. */
  public static LeaseSettings of(String replica, int shards) {
    return new LeaseSettings(replica, shards, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
  }
}
