package dev.daybreak.model.savings;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A service daybreak keeps at zero now: since when, and what it would run awake. Kept in the
 * environment's status until the service is scaled up, then recorded as a {@link Downtime}.
 *
 * @param since when it was first seen stopped
 * @param count its wake target then
 * @param size one task's size, when known
 */
public record DownSince(Instant since, int count, Optional<TaskSize> size) {
  public DownSince {
    Objects.requireNonNull(since, "since");
    size = size == null ? Optional.empty() : size;
  }

  /** This stretch as a downtime of {@code service} ending at {@code to}. */
  public Downtime until(String service, Instant to) {
    return new Downtime(service, since, to.isBefore(since) ? since : to, count, size);
  }
}
