package dev.daybreak.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The planner's decision for one pass: what to scale, the new status, what to announce, and when to
 * look again.
 *
 * @param actions scale actions, all of one tier (every service at once for a parallel sleep)
 * @param status the status to write
 * @param transitions what to announce
 * @param requeueAfter when to reconcile this environment again
 */
public record Plan(
    List<ScaleAction> actions,
    EnvironmentStatus status,
    List<Transition> transitions,
    Duration requeueAfter) {

  public Plan {
    actions = List.copyOf(actions);
    Objects.requireNonNull(status, "status");
    transitions = List.copyOf(transitions);
    Objects.requireNonNull(requeueAfter, "requeueAfter");
  }
}
