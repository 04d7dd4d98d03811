package dev.daybreak.model;

import java.time.Duration;

/** How long the planner asks the reconciler to wait before looking at an environment again. */
public final class Requeue {

  /**
   * While a tier is waking or sleeping. ECS needs tens of seconds to start a task (the seed's state
   * machine waited 10 s between checks); 2 s keeps a tier's hand-off prompt, and DescribeServices
   * calls are batched (10 services per call) against a 20/s bucket.
   */
  public static final Duration PROGRESS = Duration.ofSeconds(2);

  /**
   * When the environment is settled (Awake or Asleep): how often to re-check that nobody scaled a
   * service by hand. Periodic resync and chat/CLI writes trigger passes sooner.
   */
  public static final Duration DRIFT_CHECK = Duration.ofSeconds(60);

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
