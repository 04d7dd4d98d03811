package dev.daybreak.ratelimit;

/**
 * A token bucket's shape: it holds at most {@code burst} tokens and refills {@code perSecond}
 * tokens a second.
 *
 * @param burst the bucket's capacity: how many calls may go at once after a quiet spell
 * @param perSecond the sustained rate
 */
public record RateLimit(int burst, double perSecond) {

  public RateLimit {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    }
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be a finite number > 0, was " + perSecond);
    }
  }

  /** This limit with both burst and rate multiplied by {@code factor} (burst at least 1). */
  public RateLimit times(double factor) {
    return new RateLimit(Math.max(1, (int) Math.floor(burst * factor)), perSecond * factor);
  }
}
