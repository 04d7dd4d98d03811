package dev.daybreak.ecssim;

import dev.daybreak.model.RolloutState;
import java.time.Instant;

/** A deployment as DescribeServices returns it. */
public record DeploymentView(
    String id,
    String status,
    String taskDefinition,
    int desiredCount,
    int pendingCount,
    int runningCount,
    int failedTasks,
    Instant createdAt,
    Instant updatedAt,
    RolloutState rolloutState,
    String rolloutStateReason) {}
