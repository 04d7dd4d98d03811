package dev.daybreak.reconcile;

import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When to look first at a tier just scaled (issue 22, goal 2: DescribeServices near one look per
 * tier). ECS has no event for "this tier now runs", so the planner polls every {@link
 * Requeue#PROGRESS}; tasks take tens of seconds to start, and polling them from the first second
 * costs a DescribeServices a second per environment in flight. This learns, across the fleet and
 * per phase (waking, sleeping), how long a tier takes from the end of the pass that scaled it to
 * being seen done, and delays the first look until then; from there the plan's own polling goes on.
 *
 * <p>A first look that finds the tier still working is followed by the plan's polling, which
 * measures the tier's time to a poll: the estimate is raised to it, plus {@link #MARGIN}, at once
 * ({@code max}), so one slow tier is enough to stop the next ones being looked at too early. A
 * first look that finds the tier done measures nothing (it could have been done long before), so it
 * only moves the estimate a fraction ({@link #ALPHA}) of the way down to {@link #DECAY} before that
 * look: when starts get faster the estimate follows them down until a look finds a tier working
 * again and measures it. Both moves are toward a point set by the look itself, never a step per
 * look, so dozens of environments looking at the same instant move it no further than one of them
 * would (a step per look had moved it by as many steps as lookers, all reacting to the same news).
 * The estimate settles where a few first looks in a hundred find the tier working. At first, with
 * nothing measured, it is {@link Requeue#PROGRESS}, and the looks that find a tier working double
 * their spacing (1, 2, 4, 8 s...) until one finds it done: the fleet learns a lower bound with a
 * few looks per tier, not one a second, and its next tiers are measured to a poll. It stays within
 * [{@link Requeue#PROGRESS}, {@link #MAX}].
 *
 * <p>Pacing saves looks at the price of seeing a tier done up to a poll or two later than polling
 * would. It is paid only where the looks cost something: while at least {@link #PACE_FROM}
 * environments wait for a tier (polling them every second would take a quarter of the client's
 * DescribeServices rate). Fewer, and the plan's polling goes on, so a team's own wake hands one
 * tier to the next within a poll of it running; it is still measured, so the estimate is ready when
 * a fleet wakes. Thread-safe.
 */
final class TierPacing {

  /** How close a done look must follow a working one for the time to count as measured. */
  static final Duration PRECISE = Requeue.PROGRESS.multipliedBy(2);

  /** How far before a first look that found the tier done the estimate is moved toward. */
  static final Duration DECAY = Duration.ofMillis(250);

  /**
   * Added to a measured time: a measure is known to a poll, and the next tier alike may take a
   * little longer.
   */
  static final Duration MARGIN = Requeue.PROGRESS;

  /** The share of the way to that point each such look moves the estimate. */
  static final double ALPHA = 0.125;

  /**
   * How many environments waiting for a tier at once make pacing worth its delay: polling that many
   * every {@link Requeue#PROGRESS} is about a quarter of the client's DescribeServices rate (18 a
   * second).
   */
  static final int PACE_FROM = 5;

  /**
   * How long a scaled tier is remembered without a look: an environment deleted, flipped or taken
   * over by another replica mid-wake never looks again, and must not count as waiting for ever (a
   * tier still working after the readiness timeout, 10 minutes, is Degraded anyway).
   */
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);

  /** The longest first wait: beyond it the plan's polling costs little next to the wait. */
  static final Duration MAX = Duration.ofSeconds(60);

  /**
   * A tier scaled and not yet seen done.
   *
   * @param scaledAt when the pass that scaled it ended
   * @param workingAt when a look last found it still working, if one did
   */
  private record Scaled(Phase phase, int tier, Instant scaledAt, Optional<Instant> workingAt) {}

  /** One phase's estimate. */
  private static final class Learnt {
    Duration estimate = Requeue.PROGRESS;
    boolean measuredOnce;

    void measured(Duration tierTook) {
      measuredOnce = true;
      Duration wait = tierTook.plus(MARGIN);
      if (wait.compareTo(estimate) > 0) {
        estimate = clamp(wait);
      }
    }

    void doneAtFirstLook(Duration lookedAfter) {
      Duration target = lookedAfter.minus(DECAY);
      if (target.compareTo(estimate) < 0) {
        long nanos = estimate.toNanos();
        estimate = clamp(Duration.ofNanos(nanos + (long) ((target.toNanos() - nanos) * ALPHA)));
      }
    }
  }

  private final Map<Phase, Learnt> learnt = new EnumMap<>(Phase.class);
  private final Map<String, Scaled> waiting = new HashMap<>();

  /**
   * The requeue after a pass: the first-look estimate when the pass scaled a tier, the plan's own
   * otherwise (learning from the looks after a scaling).
   *
   * @param status the status this pass wrote (its phase and current tier)
   * @param scaled whether this pass made UpdateService calls
   * @param planned the plan's requeue
   * @param observedAt when this pass observed ECS (its look)
   * @param now the end of this pass (after its UpdateService calls)
   */
  synchronized Duration after(
      String environment,
      EnvironmentStatus status,
      boolean scaled,
      Duration planned,
      Instant observedAt,
      Instant now) {
    Objects.requireNonNull(planned, "planned");
    Scaled previous = waiting.remove(environment);
    if (previous != null) {
      Optional<Duration> poll = learn(environment, previous, status, scaled, observedAt);
      if (poll.isPresent()) {
        return paced() && poll.get().compareTo(planned) > 0 ? poll.get() : planned;
      }
    }
    boolean working = status.phase() == Phase.WAKING || status.phase() == Phase.SLEEPING;
    if (!scaled || !working || status.currentTier() < 0) {
      return planned;
    }
    Instant forgotten = now.minus(FORGET_AFTER);
    waiting.values().removeIf(w -> w.scaledAt().isBefore(forgotten));
    waiting.put(
        environment, new Scaled(status.phase(), status.currentTier(), now, Optional.empty()));
    Duration e = estimate(status.phase());
    return paced() && e.compareTo(planned) > 0 ? e : planned;
  }

  /** Whether enough environments wait for a tier for pacing to pay ({@link #PACE_FROM}). */
  private boolean paced() {
    return waiting.size() >= PACE_FROM;
  }

  /**
   * A look after {@code previous} was scaled: the tier is done (the status moved on to the next
   * tier, or settled), still working (same tier; the environment waits on), or the operation
   * changed (a flip, a failure: nothing learnt).
   *
   * @return when the tier is still working, how long to wait at least before the next look: the
   *     plan's polling once the phase has a measure (so that this tier is measured); before that,
   *     as long as the tier has already taken (the looks double their spacing, so that a fleet that
   *     knows nothing yet does not poll every second while it learns)
   */
  private Optional<Duration> learn(
      String environment,
      Scaled previous,
      EnvironmentStatus status,
      boolean scaled,
      Instant lookedAt) {
    boolean sameOperation =
        status.phase() == previous.phase() || status.phase() == settled(previous);
    if (!sameOperation) {
      return Optional.empty();
    }
    boolean done = status.phase() != previous.phase() || status.currentTier() != previous.tier();
    Learnt l = learnt.computeIfAbsent(previous.phase(), p -> new Learnt());
    if (!done) {
      if (scaled) {
        return Optional.empty();
      }
      waiting.put(
          environment,
          new Scaled(
              previous.phase(), previous.tier(), previous.scaledAt(), Optional.of(lookedAt)));
      return Optional.of(
          l.measuredOnce ? Duration.ZERO : Duration.between(previous.scaledAt(), lookedAt));
    }
    if (previous.workingAt().isEmpty()) {
      l.doneAtFirstLook(Duration.between(previous.scaledAt(), lookedAt));
    } else if (Duration.between(previous.workingAt().get(), lookedAt).compareTo(PRECISE) <= 0) {
      l.measured(Duration.between(previous.scaledAt(), lookedAt));
    } else {
      // Done somewhere between the last look that found it working and this one: at least that.
      l.measured(Duration.between(previous.scaledAt(), previous.workingAt().get()));
    }
    return Optional.empty();
  }

  private static Phase settled(Scaled scaled) {
    return scaled.phase() == Phase.WAKING ? Phase.AWAKE : Phase.ASLEEP;
  }

  /** The current first-look estimate for tiers in {@code phase}. */
  synchronized Duration estimate(Phase phase) {
    Learnt l = learnt.get(phase);
    return l == null ? Requeue.PROGRESS : l.estimate;
  }

  private static Duration clamp(Duration d) {
    if (d.compareTo(Requeue.PROGRESS) < 0) {
      return Requeue.PROGRESS;
    }
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
