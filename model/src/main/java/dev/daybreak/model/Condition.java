package dev.daybreak.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes-style condition on an environment.
 *
 * @param type e.g. {@code Ready}, {@code Degraded}
 * @param status TRUE, FALSE or UNKNOWN
 * @param reason a CamelCase machine-readable reason, e.g. {@code ServiceTimedOut}
 * @param message a sentence for people
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(
    String type,
    ConditionStatus status,
    String reason,
    String message,
    Instant lastTransitionTime) {

  public Condition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
  }
}
