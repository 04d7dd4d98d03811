package dev.daybreak.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lease items in the state table, written only with conditional writes, so two replicas can never
 * both succeed in acquiring the same lease from the same observed record.
 */
public interface LeaseStore {

  /** The lease of a shard as it is now (strongly consistent); empty when never acquired. */
  Optional<LeaseRecord> read(int shard);

  /**
   * Acquires a shard's lease for {@code replica} if it is still exactly as {@code seen} (empty: the
   * lease item must not exist), bumping its epoch.
   *
   * @return the lease as now held
   * @throws ConflictException when the lease changed since it was seen; nothing was written
   */
  LeaseRecord acquire(int shard, String replica, Optional<LeaseRecord> seen, Instant now);

  /**
   * Renews a held lease: succeeds only while the item still names this holder at this epoch.
   *
   * @throws ConflictException when the lease was taken over; nothing was written
   */
  LeaseRecord renew(LeaseRecord held, Instant now);

  /**
   * Releases a held lease, so another replica may acquire it at once.
   *
   * @throws ConflictException when the lease was already taken over; nothing was written
   */
  void release(LeaseRecord held, Instant now);

  /** Records that {@code replica} is alive (for balancing shards, never for safety). */
  void heartbeat(String replica, Instant now);

  /** Records that {@code replica} stopped. */
  void leave(String replica);

  /** Every replica's last heartbeat, by its own clock. */
  List<Heartbeat> heartbeats();

  /** A replica's last heartbeat. */
  record Heartbeat(String replica, Optional<Instant> at) {}
}
