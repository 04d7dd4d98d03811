package dev.daybreak.model;

import dev.daybreak.model.savings.Downtime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one reconcile pass decided, for the reconciler to carry out in order: record the ended
 * downtimes and write the status (when {@code writeStatus}), set the scalable targets and perform
 * the scale actions, announce the transitions, and requeue.
 *
 * @param status the status to write
 * @param writeStatus whether to write it: it changed, or there are actions (which are performed
 *     only under a status written by this pass, so that a pass losing the conditional write acts on
 *     nothing)
 * @param ended the downtimes that ended in this pass, recorded right before the status
 * @param boundsActions the scalable targets to set
 * @param actions the scale actions, all of one tier (every service at once for a parallel sleep)
 * @param transitions what to announce
 * @param requeueAfter when to reconcile this environment again
 * @param needsTaskSizes whether a downtime started or ended without a task size that ECS can tell
 *     (DescribeTaskDefinition): decide again with {@link PassInputs#withTaskSizes} to record it
 */
public record PassDecision(
    EnvironmentStatus status,
    boolean writeStatus,
    List<Downtime> ended,
    List<BoundsAction> boundsActions,
    List<ScaleAction> actions,
    List<Transition> transitions,
    Duration requeueAfter,
    boolean needsTaskSizes) {

  public PassDecision {
    Objects.requireNonNull(status, "status");
    ended = List.copyOf(ended);
    boundsActions = List.copyOf(boundsActions);
    actions = List.copyOf(actions);
    transitions = List.copyOf(transitions);
    Objects.requireNonNull(requeueAfter, "requeueAfter");
  }

  /** A decision that acts on nothing: at most a status to write and something to announce. */
  static PassDecision without(
      EnvironmentStatus status,
      boolean writeStatus,
      List<Transition> transitions,
      Duration requeueAfter) {
    return new PassDecision(
        status, writeStatus, List.of(), List.of(), List.of(), transitions, requeueAfter, false);
  }

  /** The decision as the plan to announce, with these transitions. */
  public Plan announced(List<Transition> announcedTransitions) {
    return new Plan(actions, status, announcedTransitions, requeueAfter);
  }
}
