package dev.daybreak.model;

/** An ECS deployment's rolloutState. */
public enum RolloutState {
  /** The deployment is still placing or replacing tasks. */
  IN_PROGRESS,
  /** The deployment reached steady state. */
  COMPLETED,
  /** The deployment circuit breaker stopped the deployment. */
  FAILED
}
