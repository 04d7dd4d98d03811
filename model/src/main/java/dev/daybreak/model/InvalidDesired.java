package dev.daybreak.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pass concludes when the environment's desired item cannot be used: nothing is scaled, the
 * phase and counts stay as the previous pass left them, and the status carries a {@link
 * Conditions#DESIRED_STATE_INVALID} condition that says what is wrong and how to fix it. Announced
 * once per problem: a pass that finds the same problem again changes nothing, so neither another
 * pass nor a restarted controller announces it twice. The planner drops the condition on the first
 * pass with a usable item.
 */
public final class InvalidDesired {

  private InvalidDesired() {}

  /**
   * Plans a pass over an unusable desired item.
   *
   * @param environment the environment's name
   * @param attribute the attribute at fault, e.g. {@code state}
   * @param message what is wrong, what would be valid and how to fix it (already made safe to show)
   * @param previous the status the previous pass wrote
   * @param now the time of this pass
   * @return no actions; the status with the condition; a {@link
   *     TransitionKind#DESIRED_STATE_INVALID} transition when the condition is new or its message
   *     changed; a drift-check requeue (an edit of the item queues a pass sooner)
   */
  public static Plan plan(
      String environment,
      String attribute,
      String message,
      EnvironmentStatus previous,
      Instant now) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(message, "message");
    Optional<Condition> before =
        previous
            .condition(Conditions.DESIRED_STATE_INVALID)
            .filter(c -> c.status() == ConditionStatus.TRUE);
    Condition condition =
        new Condition(
            Conditions.DESIRED_STATE_INVALID,
            ConditionStatus.TRUE,
            reason(attribute),
            message,
            before.map(Condition::lastTransitionTime).orElse(now));
    List<Condition> conditions = new ArrayList<>();
    for (Condition c : previous.conditions()) {
      if (!c.type().equals(Conditions.DESIRED_STATE_INVALID)) {
        conditions.add(c);
      }
    }
    conditions.add(condition);
    EnvironmentStatus status =
        new EnvironmentStatus(
            previous.formatVersion(),
            previous.phase(),
            previous.target(),
            previous.currentTier(),
            previous.services(),
            conditions,
            previous.savedCounts(),
            previous.observedGeneration(),
            previous.operationStartedAt(),
            previous.wakeDurations(),
            previous.savedScalableTargets(),
            previous.downSince());
    boolean announce = before.map(c -> !c.message().equals(message)).orElse(true);
    List<Transition> transitions =
        announce
            ? List.of(
                new Transition(
                    TransitionKind.DESIRED_STATE_INVALID,
                    -1,
                    List.of(),
                    "environment '" + environment + "': " + message))
            : List.of();
    return new Plan(List.of(), status, transitions, Requeue.DRIFT_CHECK);
  }

  /** The condition's reason: {@code InvalidState}, {@code InvalidUntil}, ... */
  static String reason(String attribute) {
    if (attribute.isEmpty()) {
      return "InvalidItem";
    }
    return "Invalid" + attribute.substring(0, 1).toUpperCase(Locale.ROOT) + attribute.substring(1);
  }

  /** Whether the status says the desired item cannot be used. */
  public static boolean isInvalid(EnvironmentStatus status) {
    return status
        .condition(Conditions.DESIRED_STATE_INVALID)
        .map(c -> c.status() == ConditionStatus.TRUE)
        .orElse(false);
  }
}
