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
 *
 * <p>A client's bucket also yields to the server's other callers ({@link #throttled()}): when the
 * server throttles a call the client paced, the bucket is emptied and its rate falls to {@link
 * #BACKOFF} of what it was (at most once per {@link #DECREASE_SPACING}, never below {@link #FLOOR}
 * of its shape's), then climbs back linearly, {@link #RECOVERY_PER_SECOND} of its shape's rate a
 * second: additive increase, multiplicative decrease, as TCP and the AWS SDKs' adaptive retry mode
 * share a link or a quota. A client alone on the server's bucket keeps the shape's full rate; one
 * that shares it with another steady caller settles just below what that caller leaves.
 */
public final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1e9;

  /** The fraction of its rate a bucket keeps after a throttle. */
  public static final double BACKOFF = 0.7;

  /** The lowest fraction of its shape's rate a bucket falls to, however often it is throttled. */
  public static final double FLOOR = 0.2;

  /** The fraction of its shape's rate a throttled bucket regains each second. */
  public static final double RECOVERY_PER_SECOND = 0.0025;

  /**
   * Throttles closer together than this lower the rate once: the calls in flight when the first
   * came back were all sent at the old rate.
   */
  public static final Duration DECREASE_SPACING = Duration.ofSeconds(1);

  /** The longest a bucket takes to climb back to its shape's full rate: from the floor, 320 s. */
  public static final Duration FULL_RECOVERY =
      Duration.ofMillis((long) Math.ceil((1 - FLOOR) / RECOVERY_PER_SECOND * 1000));

  private RateLimit limit;
  private final Clock clock;
  private double tokens;
  private Instant refilledAt;

  /** The share of {@link #limit}'s rate the bucket refills at now (1 unless throttled lately). */
  private double factor = 1;

  private Instant decreasedAt;

  /** A full bucket. */
  public TokenBucket(RateLimit limit, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = limit.burst();
    this.refilledAt = clock.instant();
    this.decreasedAt = Instant.MIN;
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
    return Duration.ofNanos((long) Math.ceil(-tokens / rateNow() * NANOS_PER_SECOND));
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
   * The server throttled a call this bucket paced: empties the bucket (debts stay), so that every
   * caller sharing it falls back to the sustained rate, and lowers that rate to {@link #BACKOFF} of
   * what it was (not below {@link #FLOOR} of the shape's), unless it was lowered less than {@link
   * #DECREASE_SPACING} ago. The rate then climbs back by {@link #RECOVERY_PER_SECOND} of the
   * shape's rate a second.
   */
  public synchronized void throttled() {
    drain();
    Instant now = clock.instant();
    if (!now.isBefore(decreasedAt.plus(DECREASE_SPACING)) || now.isBefore(decreasedAt)) {
      factor = Math.max(FLOOR, factor * BACKOFF);
      decreasedAt = now;
    }
  }

  /**
   * Tokens a second the bucket refills at now: its shape's rate, less what throttles took off it
   * and have not yet been regained.
   */
  public synchronized double rate() {
    refill();
    return rateNow();
  }

  private double rateNow() {
    return limit.perSecond() * factor;
  }

  /**
   * Changes the bucket's shape from now on (a throttled bucket keeps its share of the new rate):
   * tokens accrued so far count at the old rate, tokens above the new burst are dropped, and debts
   * stay (callers already waiting keep their turn).
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

  /**
   * Adds the tokens accrued since the last refill, at the rate as it climbed meanwhile. A clock
   * that stepped back (a wall clock corrected) counts from where it is now, rather than refilling
   * nothing until it is back where it was.
   */
  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(refilledAt)) {
      double elapsed = Duration.between(refilledAt, now).toNanos() / NANOS_PER_SECOND;
      double before = factor;
      factor = Math.min(1, before + elapsed * RECOVERY_PER_SECOND);
      double toFull = (1 - before) / RECOVERY_PER_SECOND;
      double fullRateSeconds =
          elapsed <= toFull
              ? elapsed * (before + factor) / 2
              : toFull * (before + 1) / 2 + (elapsed - toFull);
      tokens = Math.min(limit.burst(), tokens + fullRateSeconds * limit.perSecond());
    }
    refilledAt = now;
  }
}
