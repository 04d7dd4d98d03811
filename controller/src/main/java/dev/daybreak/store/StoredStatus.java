package dev.daybreak.store;

import dev.daybreak.model.EnvironmentStatus;
import java.util.Objects;

/**
 * A status item as stored.
 *
 * @param status the status
 * @param version the item's version (the condition for the next write)
 */
public record StoredStatus(EnvironmentStatus status, long version) {
  public StoredStatus {
    Objects.requireNonNull(status, "status");
  }
}
