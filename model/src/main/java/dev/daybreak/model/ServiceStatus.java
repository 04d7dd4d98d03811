package dev.daybreak.model;

/** The lifecycle status ECS reports for a service, plus MISSING when ECS does not know it. */
public enum ServiceStatus {
  /** The service exists and its scheduler runs. */
  ACTIVE,
  /** The service is being deleted; it can no longer be scaled. */
  DRAINING,
  /** The service was deleted. */
  INACTIVE,
  /** DescribeServices listed it under failures with reason MISSING. */
  MISSING
}
