package dev.daybreak.queue;

import dev.daybreak.time.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-key backoff: the n-th consecutive failure of a key waits {@link Backoff#delay
 * backoff.delay(n)} ({@code base * 2^(n-1)}, at most the cap, with the backoff's jitter); {@link
 * #forget} starts the key over. Thread-safe.
 */
public final class ExponentialBackoff {

  /** controller-runtime's per-item base delay (workqueue.DefaultControllerRateLimiter). */
  public static final Duration CONTROLLER_RUNTIME_BASE = Duration.ofMillis(5);

  /** controller-runtime's per-item ceiling (workqueue.DefaultControllerRateLimiter). */
  public static final Duration CONTROLLER_RUNTIME_MAX = Duration.ofSeconds(1000);

  /** controller-runtime's per-item backoff: no jitter, as there. */
  public static final Backoff CONTROLLER_RUNTIME =
      Backoff.exponential(CONTROLLER_RUNTIME_BASE, CONTROLLER_RUNTIME_MAX);

  private final Backoff backoff;
  private final Map<String, Integer> failures = new HashMap<>();

  public ExponentialBackoff(Backoff backoff) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
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
    return backoff.delay(n);
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
