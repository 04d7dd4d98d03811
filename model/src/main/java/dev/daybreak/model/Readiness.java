package dev.daybreak.model;

/** What "ready" means for a service while an environment wakes. */
public enum Readiness {
  /** runningCount is at least the target count. */
  RUNNING,
  /** One deployment, rolloutState COMPLETED, and runningCount equals desiredCount. */
  STABLE,
  /** The service's load balancer targets report healthy. */
  HEALTHY
}
