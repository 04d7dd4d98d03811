package dev.daybreak.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The token bucket algorithm AWS uses to throttle API calls: a bucket of {@link RateLimit#burst()}
 * tokens, refilled continuously at {@link RateLimit#perSecond()}; each call takes one token. Time
 * comes from the given {@link Clock}, so the same bucket runs on a real, scaled or virtual clock.
 *
 * <p>Two ways to take a token: {@link #tryAcquire()} refuses when the bucket is empty (what a
 * server does: the caller is throttled), {@link #reserve()} always takes one, possibly going into
 * debt, and says how long the caller must wait before using it (what a polite client does: callers
 * are paced in arrival order, with no thundering herd when a token frees up). Thread-safe.
 */
public final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1e9;

  private RateLimit limit;
  private final Clock clock;
  private double tokens;
  private Instant refilledAt;

  /** A full bucket. */
  public TokenBucket(RateLimit limit, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = limit.burst();
    this.refilledAt = clock.instant();
  }

  /** Takes a token if one is there; never waits. */
  public synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /**
   * Takes a token now, going into debt when the bucket is empty.
   *
   * @return how long the caller must wait before using the token ({@link Duration#ZERO} when one
   *     was there)
   */
  public synchronized Duration reserve() {
    refill();
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / limit.perSecond() * NANOS_PER_SECOND));
  }

  /**
   * Empties the bucket (debts stay). A client calls this when the server throttled it anyway, so
   * that every caller sharing the bucket falls back to the sustained rate.
   */
  public synchronized void drain() {
    refill();
    tokens = Math.min(tokens, 0);
  }

  /**
   * Changes the bucket's shape from now on: tokens accrued so far count at the old rate, tokens
   * above the new burst are dropped, and debts stay (callers already waiting keep their turn).
   */
  public synchronized void resize(RateLimit newLimit) {
    Objects.requireNonNull(newLimit, "newLimit");
    refill();
    limit = newLimit;
    tokens = Math.min(tokens, newLimit.burst());
  }

  /** The bucket's current shape. */
  public synchronized RateLimit limit() {
    return limit;
  }

  /** Tokens available now (negative while reservations are outstanding). */
  public synchronized double available() {
    refill();
    return tokens;
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(refilledAt)) {
      double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / NANOS_PER_SECOND;
      tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.perSecond());
      refilledAt = now;
    }
  }
}
