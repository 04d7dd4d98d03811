package dev.daybreak.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pass concludes when the controller will not or cannot act on an environment: its cluster
 * is not one this controller may act on, or its AWS account or region cannot be reached. Nothing is
 * observed or scaled; the status turns Degraded with the reason and message, keeping everything
 * else the previous pass concluded, and the refusal is announced once: a later pass that finds the
 * same refusal in the status changes and announces nothing.
 */
public final class Refusal {

  private Refusal() {}

  /**
   * Decides a refused pass.
   *
   * @param reason the Degraded condition's reason, e.g. {@code ClusterNotAllowed}
   * @param message what is refused and how to fix it
   * @param previous the status the previous pass wrote
   * @param generation the spec generation of this pass
   * @param retry when to look again
   * @param now the time of this pass
   * @return no actions; the Degraded status (written only when it changed); a {@link
   *     TransitionKind#DEGRADED} transition unless the previous status already said this refusal
   */
  public static PassDecision decide(
      String reason,
      String message,
      EnvironmentStatus previous,
      long generation,
      Duration retry,
      Instant now) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        Conditions.carryTransitionTime(
            new Condition(
                Conditions.READY,
                ConditionStatus.FALSE,
                Phase.DEGRADED.displayName(),
                message,
                now),
            previous));
    conditions.add(
        Conditions.carryTransitionTime(
            new Condition(Conditions.DEGRADED, ConditionStatus.TRUE, reason, message, now),
            previous));
    previous.conditions().stream()
        .filter(c -> !c.type().equals(Conditions.READY) && !c.type().equals(Conditions.DEGRADED))
        .forEach(conditions::add);
    EnvironmentStatus status =
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            Phase.DEGRADED,
            previous.target(),
            previous.currentTier(),
            previous.services(),
            conditions,
            previous.savedCounts(),
            generation,
            previous.operationStartedAt(),
            previous.wakeDurations(),
            previous.savedScalableTargets(),
            previous.downSince());
    List<Transition> transitions =
        same(previous, reason, message)
            ? List.of()
            : List.of(new Transition(TransitionKind.DEGRADED, -1, List.of(), message));
    return PassDecision.without(status, !status.equals(previous), transitions, retry);
  }

  /**
   * Who and what the announcement of a refusal names: the stored desired state when there is a
   * usable one, else the controller itself driving toward the previous target.
   */
  public static DesiredState announced(
      Optional<DesiredState> stored, EnvironmentStatus status, Instant now) {
    return stored.orElseGet(
        () ->
            DesiredState.of(
                status.target().orElse(State.ASLEEP), "daybreak", "cluster not allowed", now));
  }

  /** Whether {@code previous} already says the environment is Degraded with this refusal. */
  static boolean same(EnvironmentStatus previous, String reason, String message) {
    return previous.phase() == Phase.DEGRADED
        && previous
            .condition(Conditions.DEGRADED)
            .filter(c -> c.status() == ConditionStatus.TRUE)
            .filter(c -> c.reason().equals(reason))
            .filter(c -> c.message().equals(message))
            .isPresent();
  }
}
