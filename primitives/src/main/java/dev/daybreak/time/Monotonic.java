package dev.daybreak.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time source for measuring how long something took on this replica, which never steps: an NTP
 * correction or a VM resume that moves the wall clock leaves it alone. Only differences between two
 * readings mean anything. Wall-clock {@link Instant}s remain for what is written down for humans.
 */
@FunctionalInterface
public interface Monotonic {

  /** Nanoseconds since an arbitrary fixed origin; compare readings only by subtraction. */
  long nanos();

  /** The JVM's monotonic time ({@link System#nanoTime()}). */
  static Monotonic system() {
    return System::nanoTime;
  }

  /**
   * The time elapsed on {@code clock} since this call. Meant for clocks that only move forward
   * because their owner moves them ({@link VirtualClock}, {@link ScaledClock}, a test's manual
   * clock): tests and deterministic simulations then drive durations and wall time together.
   */
  static Monotonic elapsedOn(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Instant origin = clock.instant();
    return () -> Duration.between(origin, clock.instant()).toNanos();
  }
}
