package dev.daybreak.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One deployment of a service as ECS reports it.
 *
 * @param id the deployment id
 * @param status PRIMARY, ACTIVE or INACTIVE
 * @param rolloutState IN_PROGRESS, COMPLETED or FAILED
 * @param desiredCount the deployment's desired count
 * @param runningCount tasks RUNNING
 * @param pendingCount tasks PENDING
 * @param failedTasks tasks of this deployment that failed to reach or stay RUNNING
 * @param rolloutStateReason ECS's explanation of the rolloutState, e.g. {@code ECS deployment
 *     circuit breaker: tasks failed to start.}, when ECS gave one
 */
public record Deployment(
    String id,
    String status,
    RolloutState rolloutState,
    int desiredCount,
    int runningCount,
    int pendingCount,
    int failedTasks,
    Optional<String> rolloutStateReason) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rolloutState, "rolloutState");
    Objects.requireNonNull(rolloutStateReason, "rolloutStateReason");
  }

  /** A deployment for which ECS gave no rolloutStateReason. */
  public Deployment(
      String id,
      String status,
      RolloutState rolloutState,
      int desiredCount,
      int runningCount,
      int pendingCount,
      int failedTasks) {
    this(
        id,
        status,
        rolloutState,
        desiredCount,
        runningCount,
        pendingCount,
        failedTasks,
        Optional.empty());
  }

  /** Whether ECS reports this deployment as the one being rolled out (the newest). */
  public boolean primary() {
    return "PRIMARY".equals(status);
  }
}
