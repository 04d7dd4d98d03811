package dev.daybreak.ecssim;

/**
 * A scalable target's {@code SuspendedState}. As the Application Auto Scaling User Guide ("Suspend
 * and resume scaling") defines them: {@code dynamicIn} stops scale-in by target tracking and step
 * scaling policies, {@code dynamicOut} stops their scale-out, {@code scheduled} stops scheduled
 * actions. None of them stops a RegisterScalableTarget call from moving the capacity into its new
 * range.
 *
 * @param dynamicIn DynamicScalingInSuspended
 * @param dynamicOut DynamicScalingOutSuspended
 * @param scheduled ScheduledScalingSuspended
 */
public record Suspension(boolean dynamicIn, boolean dynamicOut, boolean scheduled) {

  /** Nothing suspended (a new target's state). */
  public static final Suspension NONE = new Suspension(false, false, false);

  /** Everything suspended. */
  public static final Suspension ALL = new Suspension(true, true, true);
}
