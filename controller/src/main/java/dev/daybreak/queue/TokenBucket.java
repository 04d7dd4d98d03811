package dev.daybreak.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket that hands out reservations: each {@link #reserve()} takes a token now and says
 * how long the caller must wait for it to be covered (zero while tokens remain). Like Go's {@code
 * rate.Limiter.Reserve}, which controller-runtime's global bucket uses. Thread-safe.
 */
public final class TokenBucket {

  /** controller-runtime's global bucket: 10 tokens per second (DefaultControllerRateLimiter). */
  public static final double CONTROLLER_RUNTIME_RATE = 10;

  /** controller-runtime's global bucket: a burst of 100 (DefaultControllerRateLimiter). */
  public static final int CONTROLLER_RUNTIME_BURST = 100;

  private static final double NANOS_PER_SECOND = 1e9;

  private final Clock clock;
  private final double ratePerSecond;
  private final int burst;
  private double tokens;
  private Instant last;

  /**
   * @param ratePerSecond tokens added per second, > 0
   * @param burst bucket size (and initial tokens), >= 1
   */
  public TokenBucket(Clock clock, double ratePerSecond, int burst) {
    this.clock = Objects.requireNonNull(clock, "clock");
    check(ratePerSecond, burst);
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = clock.instant();
  }

  /** Throws unless {@code ratePerSecond} is a positive finite number and {@code burst >= 1}. */
  static void check(double ratePerSecond, int burst) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, was " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    }
  }

  /** Takes one token and returns how long to wait before using it. */
  public synchronized Duration reserve() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double elapsedSeconds = Duration.between(last, now).toNanos() / NANOS_PER_SECOND;
      tokens = Math.min(burst, tokens + elapsedSeconds * ratePerSecond);
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / ratePerSecond * NANOS_PER_SECOND));
  }
}
