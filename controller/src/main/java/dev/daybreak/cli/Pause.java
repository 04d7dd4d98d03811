package dev.daybreak.cli;

import java.time.Duration;

/** Waits between polls; tests substitute one that moves a clock instead of sleeping. */
@FunctionalInterface
public interface Pause {

  /** Waits for about {@code duration}. */
  void pause(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread. */
  static Pause sleeping() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
