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

/**
 * When to look first at a tier just scaled (issue 22, goal 2: DescribeServices near one look per
 * tier). ECS has no event for "this tier now runs", so the planner polls every {@link
 * Requeue#PROGRESS}; a wake's tasks take tens of seconds to start, and polling them from the first
 * second costs a DescribeServices a second per environment in flight. This learns, across the fleet
 * and per phase (waking, sleeping), how long after its UpdateService calls a tier is first seen
 * done, and delays the first look after a tier's scaling until then; from there the plan's own
 * polling goes on.
 *
 * <p>The estimate moves by a stochastic approximation of a quantile: a first look that finds the
 * tier done lowers it by {@link #DOWN}, one that finds it still working raises it by {@link #UP};
 * it settles where {@code UP / (UP + DOWN)} = 80 % of first looks find the tier done (about 1.2
 * looks per tier), follows start times that drift, and stays within [{@link Requeue#PROGRESS},
 * {@link #MAX}]: at worst it polls as the plan does. Thread-safe.
 */
final class TierPacing {

  static final Duration UP = Duration.ofMillis(1000);
  static final Duration DOWN = Duration.ofMillis(250);
  static final Duration MAX = Duration.ofSeconds(60);

  /** A tier scaled and not yet looked at again: which, when, and the estimate it was given. */
  private record Scaled(Phase phase, int tier, Instant at, Duration estimate) {}

  private final Map<Phase, Duration> estimate = new EnumMap<>(Phase.class);
  private final Map<String, Scaled> awaitingFirstLook = new HashMap<>();

  /**
   * The requeue after a pass: the first-look estimate when the pass scaled a tier, the plan's own
   * otherwise (learning from the first look after a scaling).
   *
   * @param status the status this pass wrote (its phase and current tier)
   * @param scaled whether this pass made UpdateService calls
   * @param planned the plan's requeue
   * @param observedAt when this pass observed ECS
   */
  synchronized Duration after(
      String environment,
      EnvironmentStatus status,
      boolean scaled,
      Duration planned,
      Instant observedAt) {
    Objects.requireNonNull(planned, "planned");
    Scaled looked = awaitingFirstLook.remove(environment);
    if (looked != null) {
      learn(looked, status, observedAt);
    }
    boolean working = status.phase() == Phase.WAKING || status.phase() == Phase.SLEEPING;
    if (!scaled || !working || status.currentTier() < 0) {
      return planned;
    }
    Duration e = estimate(status.phase());
    awaitingFirstLook.put(
        environment, new Scaled(status.phase(), status.currentTier(), observedAt, e));
    return e.compareTo(planned) > 0 ? e : planned;
  }

  /**
   * A look found the tier done (the estimate was long enough, maybe too long) or still working. A
   * look earlier than the estimate said (another trigger: a flip, a lost write) that finds it
   * working says nothing about the estimate.
   */
  private void learn(Scaled looked, EnvironmentStatus status, Instant now) {
    boolean done = status.phase() != looked.phase() || status.currentTier() != looked.tier();
    Duration e = estimate(looked.phase());
    if (done) {
      estimate.put(looked.phase(), clamp(e.minus(DOWN)));
    } else if (!Duration.between(looked.at(), now)
        .plus(DOWN)
        .minus(looked.estimate())
        .isNegative()) {
      estimate.put(looked.phase(), clamp(e.plus(UP)));
    }
  }

  /** The current first-look estimate for tiers in {@code phase}. */
  synchronized Duration estimate(Phase phase) {
    return estimate.getOrDefault(phase, Requeue.PROGRESS);
  }

  private static Duration clamp(Duration d) {
    if (d.compareTo(Requeue.PROGRESS) < 0) {
      return Requeue.PROGRESS;
    }
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
