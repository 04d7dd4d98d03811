package dev.daybreak.model.savings;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stretch of time a service was kept at zero by daybreak while it would have run {@code count}
 * tasks awake.
 *
 * @param service the logical service
 * @param from when it was first seen stopped
 * @param to when it was scaled up again (or the end of the period asked about)
 * @param count the tasks it would have run: its wake target
 * @param size one task's size, when its task definition could be read
 */
public record Downtime(
    String service, Instant from, Instant to, int count, Optional<TaskSize> size) {

  public Downtime {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(size, "size");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a downtime ends after it starts: " + from + " > " + to);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
  }

  /** The part of this downtime within [{@code start}, {@code end}); empty when none. */
  public Optional<Downtime> clip(Instant start, Instant end) {
    Instant a = from.isBefore(start) ? start : from;
    Instant b = to.isAfter(end) ? end : to;
    return a.isBefore(b) ? Optional.of(new Downtime(service, a, b, count, size)) : Optional.empty();
  }

  /** Hours down (exact, from the instants: a daylight saving change does not add or remove any). */
  public double hours() {
    return Duration.between(from, to).toMillis() / 3_600_000.0;
  }

  /** Task-hours not run: hours × count. */
  public double taskHours() {
    return hours() * count;
  }
}
