package dev.daybreak.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until its owner moves it: tests and deterministic simulations advance
 * it explicitly, so scenarios with minute-long waits run in microseconds. Safe to read and advance
 * from several threads; it never goes backwards.
 */
public final class VirtualClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock that reads {@code start} (in UTC) until advanced. */
  public static VirtualClock startingAt(Instant start) {
    return new VirtualClock(new AtomicReference<>(Objects.requireNonNull(start)), ZoneOffset.UTC);
  }

  /** Moves the clock forward by {@code duration} and returns the new time. */
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward, asked for " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /** Moves the clock to {@code instant}, which must not lie in its past; returns it. */
  public Instant advanceTo(Instant instant) {
    return now.updateAndGet(
        t -> {
          if (instant.isBefore(t)) {
            throw new IllegalArgumentException(
                "a clock only moves forward: it reads " + t + ", asked for " + instant);
          }
          return instant;
        });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time, seen in another zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new VirtualClock(now, zone);
  }

  @Override
  public String toString() {
    return "VirtualClock[" + now.get() + "]";
  }
}
