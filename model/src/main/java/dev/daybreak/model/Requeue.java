package dev.daybreak.model;

import java.time.Duration;

/** How long the planner asks the reconciler to wait before looking at an environment again. */
public final class Requeue {

  /**
   * While a tier is waking or sleeping. ECS has no event for "this service now runs its count", so
   * the hand-off from a ready tier to the next waits, on average, half of this: issue 6 asks for a
   * re-observation every 1–2 s, and the wake benchmark ({@code WakeBenchmarkIT}) measured 2 s
   * costing about 1 s per tier hand-off. 1 s halves that; the price is one DescribeServices call
   * (up to 10 services, batched across the environments of a cluster) per waking cluster per
   * second, well inside ECS's 20/s service-read rate for the handful of environments that wake at
   * once (fleets are staggered by the schedule).
   */
  public static final Duration PROGRESS = Duration.ofSeconds(1);

  /**
   * When the environment is settled (Awake or Asleep): how often to re-check that nobody scaled a
   * service by hand. Periodic resync and chat/CLI writes trigger passes sooner.
   */
  public static final Duration DRIFT_CHECK = Duration.ofSeconds(60);

  /**
   * When settled while a deployment of a service in scope is rolling out (a team's own deploy,
   * rolloutState IN_PROGRESS): how soon to look again, so that a rollout ECS's circuit breaker
   * fails is reported within seconds and one it rolls back is seen at all (a Fargate rollback takes
   * about the tasks' start time, 20–40 s, which {@link #DRIFT_CHECK} would often miss). One
   * DescribeServices per cluster every 5 s while a rollout lasts.
   */
  public static final Duration ROLLOUT_WATCH = Duration.ofSeconds(5);

  /** The first wait once the environment is Degraded and nothing else can progress. */
  public static final Duration DEGRADED_MIN = Duration.ofSeconds(5);

  /**
   * The longest wait while Degraded: long enough not to hammer ECS with a broken service, short
   * enough to notice recovery within a couple of minutes.
   */
  public static final Duration DEGRADED_MAX = Duration.ofMinutes(2);

  private Requeue() {}

  /**
   * The wait while Degraded, given how long the environment has been Degraded: waiting as long as
   * it has already been Degraded doubles the time between passes (5 s, 10 s, 20 s, ...), bounded by
   * {@link #DEGRADED_MIN} and {@link #DEGRADED_MAX}. Derived from the Degraded condition's
   * lastTransitionTime, so it needs no counter in status and survives restarts.
   */
  public static Duration degraded(Duration degradedFor) {
    if (degradedFor.compareTo(DEGRADED_MIN) < 0) {
      return DEGRADED_MIN;
    }
    if (degradedFor.compareTo(DEGRADED_MAX) > 0) {
      return DEGRADED_MAX;
    }
    return degradedFor;
  }
}
