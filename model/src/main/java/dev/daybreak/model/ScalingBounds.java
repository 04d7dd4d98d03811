package dev.daybreak.model;

/**
 * A scalable target's bounds and suspended state (Application Auto Scaling, dimension {@code
 * ecs:service:DesiredCount}).
 *
 * @param min MinCapacity
 * @param max MaxCapacity
 * @param dynamicInSuspended SuspendedState.DynamicScalingInSuspended: policies do not scale in
 * @param dynamicOutSuspended SuspendedState.DynamicScalingOutSuspended: policies do not scale out
 * @param scheduledSuspended SuspendedState.ScheduledScalingSuspended: scheduled actions do not run
 */
public record ScalingBounds(
    int min,
    int max,
    boolean dynamicInSuspended,
    boolean dynamicOutSuspended,
    boolean scheduledSuspended) {

  public ScalingBounds {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "expected 0 <= min <= max, was min " + min + ", max " + max);
    }
  }

  /**
   * What daybreak sets while the service sleeps: MinCapacity 0 (so nothing raises it) and dynamic
   * and scheduled scaling suspended (so no policy or scheduled action wakes it); MaxCapacity kept.
   */
  public ScalingBounds asleep() {
    return new ScalingBounds(0, max, true, true, true);
  }

  /** {@code count} moved into [min, max], as Application Auto Scaling would move it. */
  public int clamp(int count) {
    return Math.max(min, Math.min(max, count));
  }

  /** For messages: {@code min 2, max 4, suspended: none}. */
  public String describe() {
    String suspended =
        (dynamicInSuspended ? " in" : "")
            + (dynamicOutSuspended ? " out" : "")
            + (scheduledSuspended ? " scheduled" : "");
    return "min "
        + min
        + ", max "
        + max
        + ", suspended:"
        + (suspended.isEmpty() ? " none" : suspended);
  }
}
