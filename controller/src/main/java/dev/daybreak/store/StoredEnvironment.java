package dev.daybreak.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the store knows about one environment but its audit trail, read together.
 *
 * @param name the environment
 * @param spec the applied manifest
 * @param createdAt when it was first applied
 * @param appliedAt when it was last applied with a change
 * @param desired its desired item as read
 * @param status its status, once the controller has written one
 */
public record StoredEnvironment(
    String name,
    StoredSpec spec,
    Instant createdAt,
    Instant appliedAt,
    DesiredRead desired,
    Optional<StoredStatus> status) {

  public StoredEnvironment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(status, "status");
  }
}
