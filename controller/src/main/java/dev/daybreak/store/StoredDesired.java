package dev.daybreak.store;

import dev.daybreak.model.DesiredState;
import java.util.Objects;

/**
 * A desired item as stored.
 *
 * @param desired the desired state
 * @param version the item's version (the condition for the next write)
 */
public record StoredDesired(DesiredState desired, long version) {
  public StoredDesired {
    Objects.requireNonNull(desired, "desired");
  }
}
