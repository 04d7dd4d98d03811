package dev.daybreak.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-key exponential backoff: the n-th consecutive failure of a key waits {@code base * 2^(n-1)},
 * at most {@code max}; {@link #forget} starts the key over. Thread-safe.
 */
public final class ExponentialBackoff {

  /** controller-runtime's per-item base delay (workqueue.DefaultControllerRateLimiter). */
  public static final Duration CONTROLLER_RUNTIME_BASE = Duration.ofMillis(5);

  /** controller-runtime's per-item ceiling (workqueue.DefaultControllerRateLimiter). */
  public static final Duration CONTROLLER_RUNTIME_MAX = Duration.ofSeconds(1000);

  private final Duration base;
  private final Duration max;
  private final Map<String, Integer> failures = new HashMap<>();

  public ExponentialBackoff(Duration base, Duration max) {
    check(base, max);
    this.base = base;
    this.max = max;
  }

  /** Throws unless {@code base > 0} and {@code max >= base}. */
  static void check(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be > 0, was " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max must be >= base (" + base + "), was " + max);
    }
  }

  /** Records one more failure of {@code key} and returns how long to wait before retrying it. */
  public synchronized Duration next(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    return delayAfter(n);
  }

  /** The delay after {@code n} consecutive failures (n >= 1). */
  public Duration delayAfter(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("failure count must be >= 1, was " + n);
    }
    int doublings = n - 1;
    long baseNanos = base.toNanos();
    // Stop doubling before the shift overflows; the ceiling applies long before that.
    if (doublings >= Long.numberOfLeadingZeros(baseNanos) - 1) {
      return max;
    }
    Duration delay = Duration.ofNanos(baseNanos << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Consecutive failures recorded for {@code key} since it was last forgotten. */
  public synchronized int failures(String key) {
    return failures.getOrDefault(key, 0);
  }

  /** Starts {@code key} over: its next failure waits {@code base} again. */
  public synchronized void forget(String key) {
    failures.remove(key);
  }
}
