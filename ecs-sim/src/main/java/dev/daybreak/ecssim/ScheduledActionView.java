package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A scheduled action as DescribeScheduledActions shows it.
 *
 * @param name ScheduledActionName
 * @param arn ScheduledActionARN
 * @param resourceId the target's ResourceId
 * @param schedule Schedule: {@code at(...)}, {@code rate(...)} or {@code cron(...)}
 * @param timezone Timezone
 * @param startTime StartTime
 * @param endTime EndTime
 * @param minCapacity ScalableTargetAction.MinCapacity
 * @param maxCapacity ScalableTargetAction.MaxCapacity
 * @param createdAt CreationTime
 */
public record ScheduledActionView(
    String name,
    String arn,
    String resourceId,
    String schedule,
    Optional<String> timezone,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    OptionalInt minCapacity,
    OptionalInt maxCapacity,
    Instant createdAt) {

  public ScheduledActionView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(minCapacity, "minCapacity");
    Objects.requireNonNull(maxCapacity, "maxCapacity");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
