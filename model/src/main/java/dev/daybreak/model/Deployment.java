package dev.daybreak.model;

import java.util.Objects;

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
 */
public record Deployment(
    String id,
    String status,
    RolloutState rolloutState,
    int desiredCount,
    int runningCount,
    int pendingCount,
    int failedTasks) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rolloutState, "rolloutState");
  }
}
