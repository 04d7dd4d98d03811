package dev.daybreak.time;

import java.time.Duration;

/**
 * Waits. The one place production code blocks for a duration, so that backoff and pacing can be
 * driven by something other than the wall clock where that matters.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling thread for {@code duration} (returns at once when it is zero or less). */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps on the real clock. */
  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
      }
    };
  }
}
