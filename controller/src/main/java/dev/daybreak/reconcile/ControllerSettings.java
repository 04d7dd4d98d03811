package dev.daybreak.reconcile;

import java.time.Duration;

/**
 * How the long-running controller paces itself.
 *
 * @param resync how often every desired item is read to catch flips made by anyone
 * @param workers how many environments are reconciled at once
 */
public record ControllerSettings(Duration resync, int workers) {

  /** The resync period when none is configured: desired items are small, so reading is cheap. */
  public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(5);

  /** Workers when none are configured. */
  public static final int DEFAULT_WORKERS = 4;

  public ControllerSettings {
    if (resync.isNegative() || resync.isZero()) {
      throw new IllegalArgumentException("resync must be > 0, was " + resync);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
  }

  public static ControllerSettings defaults() {
    return new ControllerSettings(DEFAULT_RESYNC, DEFAULT_WORKERS);
  }
}
