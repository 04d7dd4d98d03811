package dev.daybreak.model;

/** Something worth announcing. */
public enum TransitionKind {
  /** A wake began. */
  WAKE_STARTED,
  /** A sleep began. */
  SLEEP_STARTED,
  /** Every service of a tier is ready (waking) or stopped (sleeping). */
  TIER_DONE,
  /** Every wanted service is ready. */
  AWAKE,
  /** Every service is at zero. */
  ASLEEP,
  /** The environment became Degraded. */
  DEGRADED,
  /** The environment left Degraded by itself. */
  RECOVERED,
  /** A settled environment had drifted (someone scaled a service) and was re-asserted. */
  DRIFT_CORRECTED,
  /** The desired item cannot be used (or now fails in another way); nothing is acted on. */
  DESIRED_STATE_INVALID
}
