package dev.daybreak.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that runs {@code scale} times faster than a base clock, from a chosen start: with scale
 * 60 a minute of clock time passes every real second. Used to run the ECS simulator's minute-long
 * task starts in seconds while everything still flows on real time.
 */
public final class ScaledClock extends Clock {

  private final Clock base;
  private final Instant baseOrigin;
  private final Instant origin;
  private final double scale;

  private ScaledClock(Clock base, Instant baseOrigin, Instant origin, double scale) {
    this.base = base;
    this.baseOrigin = baseOrigin;
    this.origin = origin;
    this.scale = scale;
  }

  /**
   * A clock that reads {@code base}'s current time now and then runs {@code scale} times faster.
   *
   * @throws IllegalArgumentException unless {@code scale} is a finite number > 0
   */
  public static ScaledClock of(Clock base, double scale) {
    Objects.requireNonNull(base, "base");
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be a finite number > 0, was " + scale);
    }
    Instant now = base.instant();
    return new ScaledClock(base, now, now, scale);
  }

  @Override
  public Instant instant() {
    Duration elapsed = Duration.between(baseOrigin, base.instant());
    double scaledNanos = elapsed.toNanos() * scale;
    long seconds = (long) Math.floor(scaledNanos / 1e9);
    long nanos = (long) (scaledNanos - seconds * 1e9);
    return origin.plusSeconds(seconds).plusNanos(nanos);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ScaledClock(base.withZone(zone), baseOrigin, origin, scale);
  }

  @Override
  public String toString() {
    return "ScaledClock[x" + scale + " of " + base + "]";
  }
}
