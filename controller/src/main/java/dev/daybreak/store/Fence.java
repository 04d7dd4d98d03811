package dev.daybreak.store;

import java.util.Objects;

/**
 * The authority a status write carries: the lease it was made under and that lease's epoch (a
 * counter bumped on every acquisition). A fenced write is rejected when the status item was last
 * written under the same lease at a higher epoch, so a replica that was paused past its lease
 * cannot overwrite what the lease's next holder wrote.
 *
 * @param lease the lease's name, e.g. {@code 3/8} (shard 3 of 8)
 * @param epoch the lease's epoch when it was acquired by the writer; at least 1
 */
public record Fence(String lease, long epoch) {

  public Fence {
    Objects.requireNonNull(lease, "lease");
    if (lease.isBlank()) {
      throw new IllegalArgumentException("a fence names its lease, found a blank name");
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("a lease epoch is at least 1, was " + epoch);
    }
  }
}
