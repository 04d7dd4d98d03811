package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.Objects;

/**
 * A scalable target as DescribeScalableTargets shows it (namespace {@code ecs}, dimension {@code
 * ecs:service:DesiredCount}).
 *
 * @param resourceId {@code service/<cluster>/<service>}
 * @param minCapacity MinCapacity
 * @param maxCapacity MaxCapacity
 * @param suspended SuspendedState
 * @param arn ScalableTargetARN
 * @param roleArn RoleARN: the service-linked role ECS targets use
 * @param createdAt CreationTime
 */
public record ScalableTargetView(
    String resourceId,
    int minCapacity,
    int maxCapacity,
    Suspension suspended,
    String arn,
    String roleArn,
    Instant createdAt) {

  public ScalableTargetView {
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(suspended, "suspended");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
