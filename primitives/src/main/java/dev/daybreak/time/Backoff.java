package dev.daybreak.time;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying again: {@code base} doubling with each attempt up to {@code cap},
 * less a random part of up to {@code jitter} of it, drawn from an injected random source (a seeded
 * one in tests and simulations). With {@code jitter} 1 this is the "full jitter" of the AWS
 * Architecture Blog's "Exponential Backoff And Jitter" (anywhere between zero and the ceiling);
 * with 0, none (the ceiling itself, and {@code random} is never drawn from).
 *
 * <p>One value for every retry and poll schedule in daybreak: the work queue's per-key backoff, the
 * Slack outbox's retries, the chat-ops follow-ups' polls and the ECS gateway's retries ({@code
 * ecs.EcsCalls}, whose loop the simulator's in-process gateway uses too, with a seeded source).
 * (The Application Auto Scaling gateways still double their own delay, without jitter.)
 *
 * @param base the first delay, > 0
 * @param cap the longest delay, >= base
 * @param jitter the fraction of a delay that may be taken off at random, in [0, 1]
 * @param random where the jitter comes from; must be safe for the threads that share this backoff
 */
public record Backoff(Duration base, Duration cap, double jitter, RandomGenerator random) {

  /** For a backoff without jitter: drawing from it is a bug. */
  private static final RandomGenerator NEVER_DRAWN =
      () -> {
        throw new IllegalStateException("a backoff without jitter draws no random numbers");
      };

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be > 0, was " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff cap must be >= base (" + base + "), was " + cap);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff jitter must be in [0, 1], was " + jitter);
    }
  }

  /** {@code base} doubling up to {@code cap}, without jitter. */
  public static Backoff exponential(Duration base, Duration cap) {
    return new Backoff(base, cap, 0, NEVER_DRAWN);
  }

  /**
   * This backoff, taking up to {@code fraction} of each delay off at random from {@code random}.
   */
  public Backoff withJitter(double fraction, RandomGenerator random) {
    return new Backoff(base, cap, fraction, random);
  }

  /** The delay before retry {@code attempt} (1 for the first retry) before jitter. */
  public Duration ceiling(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    int doublings = attempt - 1;
    long baseNanos = base.toNanos();
    // Stop doubling before the shift overflows; the cap applies long before that.
    if (doublings >= Long.numberOfLeadingZeros(baseNanos) - 1) {
      return cap;
    }
    Duration delay = Duration.ofNanos(baseNanos << doublings);
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** The delay before retry {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    return jittered(ceiling(attempt));
  }

  /**
   * The delay after {@code previous}, for a schedule whose caller keeps the last delay rather than
   * the attempt count: twice {@code previous}, at least {@code base}, at most {@code cap}.
   */
  public Duration after(Duration previous) {
    Duration doubled = previous.multipliedBy(2);
    Duration ceiling =
        doubled.compareTo(base) < 0 ? base : doubled.compareTo(cap) > 0 ? cap : doubled;
    return jittered(ceiling);
  }

  private Duration jittered(Duration ceiling) {
    if (jitter == 0) {
      return ceiling;
    }
    double kept = 1 - jitter * random.nextDouble();
    return Duration.ofNanos((long) (ceiling.toNanos() * kept));
  }
}
