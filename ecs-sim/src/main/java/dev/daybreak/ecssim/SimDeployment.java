package dev.daybreak.ecssim;

import dev.daybreak.model.RolloutState;
import java.time.Instant;

/** One deployment of a simulated service (a task definition being rolled out). */
final class SimDeployment {

  final String id;

  /** Set at creation; replaced only by set-up ({@link EcsSimulator#defineTask}). */
  String taskDefinition;

  final Instant createdAt;
  boolean primary = true;
  Instant updatedAt;
  int failedTasks;
  RolloutState rolloutState = RolloutState.IN_PROGRESS;
  String rolloutStateReason;

  SimDeployment(String id, String taskDefinition, Instant createdAt) {
    this.id = id;
    this.taskDefinition = taskDefinition;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.rolloutStateReason = "ECS deployment " + id + " in progress.";
  }

  /** ECS's deployment status: PRIMARY for the newest, ACTIVE for ones being replaced. */
  String status() {
    return primary ? "PRIMARY" : "ACTIVE";
  }
}
