package dev.daybreak.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lease item ({@code pk=lease#<shard>, sk=lease}) as read.
 *
 * @param shard the shard the lease covers
 * @param owner the replica holding it; empty when it was released
 * @param epoch how many times it has been acquired; the fencing token of its current holder
 * @param renewedAt when the holder last renewed it, by the holder's clock. Other replicas never
 *     compare it with their own clock: they only watch whether it changes
 */
public record LeaseRecord(int shard, Optional<String> owner, long epoch, Instant renewedAt) {

  public LeaseRecord {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(renewedAt, "renewedAt");
  }

  /** True when {@code replica} holds this lease as recorded. */
  public boolean heldBy(String replica) {
    return owner.filter(replica::equals).isPresent();
  }
}
