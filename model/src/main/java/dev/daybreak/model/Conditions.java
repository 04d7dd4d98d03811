package dev.daybreak.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The condition types and reasons the planner writes into an environment's status. */
public final class Conditions {

  /** TRUE when the environment is settled at its target (Awake or Asleep) with no problem. */
  public static final String READY = "Ready";

  /** TRUE while something keeps the environment from its target without the controller's help. */
  public static final String DEGRADED = "Degraded";

  /**
   * TRUE while the environment's desired item cannot be used (a bad {@code state}, a malformed
   * {@code until}, ...): the controller does not act on the environment until it is fixed.
   */
  public static final String DESIRED_STATE_INVALID = "DesiredStateInvalid";

  /** Degraded: a service did not become ready, or did not stop, within its timeout. */
  public static final String REASON_SERVICE_TIMED_OUT = "ServiceTimedOut";

  /**
   * Degraded: ECS's deployment circuit breaker failed a deployment of the service, and no later
   * deployment has completed yet.
   */
  public static final String REASON_ROLLOUT_FAILED = "RolloutFailed";

  /**
   * Degraded: a target group the ECS service's load balancer configuration names does not exist
   * (Elastic Load Balancing's DescribeTargetHealth answers {@code TargetGroupNotFound}).
   */
  public static final String REASON_TARGET_GROUP_NOT_FOUND = "TargetGroupNotFound";

  /** Degraded: DescribeServices does not know the ECS service. */
  public static final String REASON_SERVICE_MISSING = "ServiceMissing";

  /** Degraded: the ECS service was deleted. */
  public static final String REASON_SERVICE_INACTIVE = "ServiceInactive";

  /** Degraded: the ECS service is being deleted. */
  public static final String REASON_SERVICE_DRAINING = "ServiceDraining";

  /** Degraded: a partial wake names a service the environment does not declare. */
  public static final String REASON_UNKNOWN_SERVICE = "UnknownService";

  /**
   * A service whose readiness is {@code healthy} has neither a load balancer nor a container health
   * check: nothing will ever report it healthy.
   */
  public static final String REASON_NO_HEALTH_CHECK = "NoHealthCheck";

  /** Degraded is FALSE: no problem was found. */
  public static final String REASON_NO_PROBLEMS = "NoProblems";

  private Conditions() {}

  /** The Ready condition for a pass that ended in this phase; reason is the phase's name. */
  static Condition ready(Phase phase, String message, EnvironmentStatus previous, Instant now) {
    ConditionStatus status =
        phase == Phase.AWAKE || phase == Phase.ASLEEP
            ? ConditionStatus.TRUE
            : ConditionStatus.FALSE;
    return carryTransitionTime(
        new Condition(READY, status, phase.displayName(), message, now), previous);
  }

  /**
   * The Degraded condition for these problems (sorted, lowest tier first): TRUE with the first
   * problem's reason and every problem's message, or FALSE when there is none.
   */
  static Condition degraded(
      List<ServiceProblem> problems, EnvironmentStatus previous, Instant now) {
    Condition condition =
        problems.isEmpty()
            ? new Condition(
                DEGRADED,
                ConditionStatus.FALSE,
                REASON_NO_PROBLEMS,
                "every service is present and within its timeout",
                now)
            : new Condition(
                DEGRADED,
                ConditionStatus.TRUE,
                problems.get(0).reason(),
                String.join("; ", problems.stream().map(ServiceProblem::message).toList()),
                now);
    return carryTransitionTime(condition, previous);
  }

  /**
   * Ready and Degraded first, then any other condition of the previous status, unchanged, except
   * {@link #DESIRED_STATE_INVALID}: the planner runs on a usable desired state, so the item was
   * fixed.
   */
  static List<Condition> merge(EnvironmentStatus previous, Condition ready, Condition degraded) {
    List<Condition> conditions = new ArrayList<>(List.of(ready, degraded));
    previous.conditions().stream()
        .filter(c -> !c.type().equals(READY) && !c.type().equals(DEGRADED))
        .filter(c -> !c.type().equals(DESIRED_STATE_INVALID))
        .forEach(conditions::add);
    return conditions;
  }

  /** Whether the status carries a Degraded condition that is TRUE. */
  static boolean isDegraded(EnvironmentStatus status) {
    return status.condition(DEGRADED).map(c -> c.status() == ConditionStatus.TRUE).orElse(false);
  }

  /**
   * {@code next}, keeping the previous condition's lastTransitionTime when its status did not
   * change (Kubernetes' convention: the time is when the status last changed, not when the reason
   * or message did).
   */
  public static Condition carryTransitionTime(Condition next, EnvironmentStatus previous) {
    return previous
        .condition(next.type())
        .filter(before -> before.status() == next.status())
        .map(
            before ->
                new Condition(
                    next.type(),
                    next.status(),
                    next.reason(),
                    next.message(),
                    before.lastTransitionTime()))
        .orElse(next);
  }
}
