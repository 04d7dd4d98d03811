package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The requests of the Application Auto Scaling operations the simulator answers. */
public final class ScalingRequests {

  private ScalingRequests() {}

  /**
   * RegisterScalableTarget: members left out are not changed on an existing target.
   *
   * @param namespace ServiceNamespace
   * @param resourceId ResourceId
   * @param dimension ScalableDimension
   * @param minCapacity MinCapacity
   * @param maxCapacity MaxCapacity
   * @param dynamicIn SuspendedState.DynamicScalingInSuspended
   * @param dynamicOut SuspendedState.DynamicScalingOutSuspended
   * @param scheduled SuspendedState.ScheduledScalingSuspended
   */
  public record Register(
      String namespace,
      String resourceId,
      String dimension,
      OptionalInt minCapacity,
      OptionalInt maxCapacity,
      Optional<Boolean> dynamicIn,
      Optional<Boolean> dynamicOut,
      Optional<Boolean> scheduled) {
    public Register {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(resourceId, "resourceId");
      Objects.requireNonNull(dimension, "dimension");
      Objects.requireNonNull(minCapacity, "minCapacity");
      Objects.requireNonNull(maxCapacity, "maxCapacity");
      Objects.requireNonNull(dynamicIn, "dynamicIn");
      Objects.requireNonNull(dynamicOut, "dynamicOut");
      Objects.requireNonNull(scheduled, "scheduled");
    }
  }

  /**
   * PutScalingPolicy.
   *
   * @param namespace ServiceNamespace
   * @param resourceId ResourceId
   * @param dimension ScalableDimension
   * @param name PolicyName
   * @param type PolicyType (StepScaling when left out)
   * @param configurationMember the request member holding the policy's configuration, if any
   * @param configurationJson that member's JSON
   */
  public record PutPolicy(
      String namespace,
      String resourceId,
      String dimension,
      String name,
      Optional<String> type,
      Optional<String> configurationMember,
      Optional<String> configurationJson) {
    public PutPolicy {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(resourceId, "resourceId");
      Objects.requireNonNull(dimension, "dimension");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(configurationMember, "configurationMember");
      Objects.requireNonNull(configurationJson, "configurationJson");
    }
  }

  /**
   * PutScheduledAction: members left out are not changed on an existing action.
   *
   * @param namespace ServiceNamespace
   * @param resourceId ResourceId
   * @param dimension ScalableDimension
   * @param name ScheduledActionName
   * @param schedule Schedule
   * @param timezone Timezone
   * @param startTime StartTime
   * @param endTime EndTime
   * @param minCapacity ScalableTargetAction.MinCapacity
   * @param maxCapacity ScalableTargetAction.MaxCapacity
   */
  public record PutScheduled(
      String namespace,
      String resourceId,
      String dimension,
      String name,
      Optional<String> schedule,
      Optional<String> timezone,
      Optional<Instant> startTime,
      Optional<Instant> endTime,
      OptionalInt minCapacity,
      OptionalInt maxCapacity) {
    public PutScheduled {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(resourceId, "resourceId");
      Objects.requireNonNull(dimension, "dimension");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(timezone, "timezone");
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(endTime, "endTime");
      Objects.requireNonNull(minCapacity, "minCapacity");
      Objects.requireNonNull(maxCapacity, "maxCapacity");
    }
  }
}
