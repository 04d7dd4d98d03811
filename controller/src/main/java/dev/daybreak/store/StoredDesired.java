package dev.daybreak.store;

import dev.daybreak.model.DesiredState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A desired item as stored.
 *
 * @param desired the desired state
 * @param version the item's version (the condition for the next write)
 * @param pinned whether the change is pinned against the schedule ({@code wake --pin}): it holds
 *     past the schedule's next edge, until its {@code until} or for good
 * @param acceptedAt when daybreak accepted the current value (its {@code changedAt}): for a hand
 *     edit, when the controller first saw it; empty for an item daybreak never stamped
 */
public record StoredDesired(
    DesiredState desired, long version, boolean pinned, Optional<Instant> acceptedAt) {
  public StoredDesired {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
  }

  /** An unpinned item with no record of when daybreak accepted it. */
  public StoredDesired(DesiredState desired, long version) {
    this(desired, version, false, Optional.empty());
  }
}
