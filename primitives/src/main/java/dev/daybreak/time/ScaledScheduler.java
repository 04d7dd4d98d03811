package dev.daybreak.time;

import java.time.Duration;
import java.util.Objects;

/**
 * A scheduler whose delays are read on a clock that runs {@code scale} times faster than the real
 * one (see {@link ScaledClock}): a delay of 60 s at scale 60 waits one real second. The sandbox
 * uses it so that the controller's requeues keep pace with a simulator on the same scaled clock.
 */
public final class ScaledScheduler implements Scheduler {

  private final Scheduler real;
  private final double scale;

  public ScaledScheduler(Scheduler real, double scale) {
    this.real = Objects.requireNonNull(real, "real");
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a finite number > 0, was " + scale);
    }
    this.scale = scale;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return real.schedule(realDelay(delay, scale), task);
  }

  /** The real duration of {@code scaled} on a clock running {@code scale} times faster. */
  public static Duration realDelay(Duration scaled, double scale) {
    return Duration.ofNanos((long) (scaled.toNanos() / scale));
  }

  /** A sleeper for the same scaled clock. */
  public static Sleeper sleeper(double scale) {
    Sleeper real = Sleeper.system();
    return d -> real.sleep(realDelay(d, scale));
  }
}
