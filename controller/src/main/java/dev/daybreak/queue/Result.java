package dev.daybreak.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Reconciler} pass asks of the queue: nothing more, or another pass after a delay.
 * Either way the key's error backoff is reset, because the pass succeeded.
 *
 * @param requeueAfter when to process the key again; empty when only a new trigger should
 */
public record Result(Optional<Duration> requeueAfter) {

  private static final Result DONE = new Result(Optional.empty());

  public Result {
    Objects.requireNonNull(requeueAfter, "requeueAfter");
    requeueAfter.ifPresent(
        d -> {
          if (d.isNegative()) {
            throw new IllegalArgumentException("requeueAfter must be >= 0, was " + d);
          }
        });
  }

  /** The key is settled: process it again only when something adds it. */
  public static Result done() {
    return DONE;
  }

  /**
   * Process the key again after {@code delay} (zero: as soon as a worker is free). If the key is
   * already waiting for an earlier time, the earlier time wins.
   */
  public static Result requeueAfter(Duration delay) {
    return new Result(Optional.of(delay));
  }
}
