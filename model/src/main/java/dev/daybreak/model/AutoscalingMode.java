package dev.daybreak.model;

/** What daybreak does with the Application Auto Scaling targets of an environment's services. */
public enum AutoscalingMode {
  /**
   * Saves each scalable target (min, max, suspended state) before sleep, suspends its scaling and
   * sets MinCapacity to 0 while asleep, and restores it on wake (the default).
   */
  MANAGE,
  /**
   * Makes no Application Auto Scaling call: a target with MinCapacity above 0 wakes its service.
   */
  IGNORE
}
