package dev.daybreak.model;

import java.util.Objects;

/**
 * Set one service's scalable target (RegisterScalableTarget with min, max and SuspendedState): a
 * {@link Kind#RESTORE} of a service the pass scales is performed immediately after that service's
 * {@link ScaleAction}, in the same step; every other one before the pass's scale actions.
 *
 * @param service the logical service name
 * @param ecsService the ECS service name
 * @param bounds what to set, in full (so repeating it changes nothing)
 * @param kind why
 */
public record BoundsAction(String service, String ecsService, ScalingBounds bounds, Kind kind) {

  /** Why a target is set. */
  public enum Kind {
    /** Before sleep: MinCapacity 0, dynamic and scheduled scaling suspended. */
    SUSPEND,
    /** On wake: what was saved before sleep. */
    RESTORE
  }

  public BoundsAction {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(ecsService, "ecsService");
    Objects.requireNonNull(bounds, "bounds");
    Objects.requireNonNull(kind, "kind");
  }
}
