package dev.daybreak.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One host's wall clock: another clock (the true time) plus an offset that steps when a test says
 * so, backwards as well as forwards, as an NTP correction or a VM resume moves a real one. UTC
 * only; thread-safe.
 */
public final class SteppedClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public SteppedClock(Clock base) {
    this.base = base;
  }

  /** Moves this clock by {@code by} (negative: backwards) relative to the true time. */
  public void step(Duration by) {
    offset.updateAndGet(o -> o.plus(by));
  }

  /** How far this clock is ahead of the true time (negative: behind). */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("SteppedClock is UTC only");
  }
}
