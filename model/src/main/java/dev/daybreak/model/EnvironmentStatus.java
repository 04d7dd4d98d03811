package dev.daybreak.model;

import dev.daybreak.model.savings.DownSince;
import dev.daybreak.model.schedule.WakeLead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller last concluded about an environment; persisted (with {@link #FORMAT_VERSION})
 * in the status item.
 *
 * @param formatVersion the persisted format's version
 * @param phase the phase
 * @param target the state the controller is driving toward
 * @param currentTier the tier being woken or put to sleep, or -1 when settled
 * @param services per logical service
 * @param conditions conditions, one per type
 * @param savedCounts desiredCount of each logical service when it was put to sleep (for {@code
 *     restore})
 * @param observedGeneration the spec generation this status was computed from
 * @param operationStartedAt when the current wake or sleep began
 * @param wakeDurations how long the latest completed wakes took (from {@code operationStartedAt} to
 *     Awake), oldest first, at most {@link dev.daybreak.model.schedule.WakeLead#SAMPLES}; a status
 *     persisted before this field existed reads as none measured
 * @param savedScalableTargets per logical service, its Application Auto Scaling target as found
 *     before the controller first changed it for a sleep (written before that change, dropped once
 *     a wake has restored it); a status of format version 1 reads as none saved
 * @param downSince per logical service daybreak keeps at zero, since when and what it would run
 *     awake (for savings; {@link dev.daybreak.model.savings.SleepLedger}); a status written before
 *     this field existed reads as none down (additive: the format version stays)
 */
public record EnvironmentStatus(
    int formatVersion,
    Phase phase,
    Optional<State> target,
    int currentTier,
    Map<String, ServiceReadiness> services,
    List<Condition> conditions,
    Map<String, Integer> savedCounts,
    long observedGeneration,
    Optional<Instant> operationStartedAt,
    List<Duration> wakeDurations,
    Map<String, ScalingBounds> savedScalableTargets,
    Map<String, DownSince> downSince) {

  /**
   * The version of the persisted status format this code writes. 2 added {@code
   * savedScalableTargets}: a controller that reads only version 1 would drop them on its next write
   * (and a later wake would not restore the targets), so it refuses a version 2 status.
   */
  public static final int FORMAT_VERSION = 2;

  public EnvironmentStatus {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(target, "target");
    services = Map.copyOf(services);
    conditions = List.copyOf(conditions);
    savedCounts = Map.copyOf(savedCounts);
    Objects.requireNonNull(operationStartedAt, "operationStartedAt");
    wakeDurations = List.copyOf(wakeDurations);
    savedScalableTargets = Map.copyOf(savedScalableTargets);
    downSince = downSince == null ? Map.of() : Map.copyOf(downSince);
  }

  /** A status with no service down (what the planner computes; the reconciler tracks them). */
  public EnvironmentStatus(
      int formatVersion,
      Phase phase,
      Optional<State> target,
      int currentTier,
      Map<String, ServiceReadiness> services,
      List<Condition> conditions,
      Map<String, Integer> savedCounts,
      long observedGeneration,
      Optional<Instant> operationStartedAt,
      List<Duration> wakeDurations,
      Map<String, ScalingBounds> savedScalableTargets) {
    this(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        conditions,
        savedCounts,
        observedGeneration,
        operationStartedAt,
        wakeDurations,
        savedScalableTargets,
        Map.of());
  }

  /** A status with no scalable target saved. */
  public EnvironmentStatus(
      int formatVersion,
      Phase phase,
      Optional<State> target,
      int currentTier,
      Map<String, ServiceReadiness> services,
      List<Condition> conditions,
      Map<String, Integer> savedCounts,
      long observedGeneration,
      Optional<Instant> operationStartedAt,
      List<Duration> wakeDurations) {
    this(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        conditions,
        savedCounts,
        observedGeneration,
        operationStartedAt,
        wakeDurations,
        Map.of());
  }

  /** A status with no wake measured yet (what the planner computes; the reconciler keeps them). */
  public EnvironmentStatus(
      int formatVersion,
      Phase phase,
      Optional<State> target,
      int currentTier,
      Map<String, ServiceReadiness> services,
      List<Condition> conditions,
      Map<String, Integer> savedCounts,
      long observedGeneration,
      Optional<Instant> operationStartedAt) {
    this(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        conditions,
        savedCounts,
        observedGeneration,
        operationStartedAt,
        List.of());
  }

  /** The status of an environment the controller has never acted on. */
  public static EnvironmentStatus initial() {
    return new EnvironmentStatus(
        FORMAT_VERSION,
        Phase.ASLEEP,
        Optional.empty(),
        -1,
        Map.of(),
        List.of(),
        Map.of(),
        0,
        Optional.empty());
  }

  /** The condition of this type, if present. */
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** This status, computed from spec generation {@code generation}. */
  public EnvironmentStatus withObservedGeneration(long generation) {
    return new EnvironmentStatus(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        conditions,
        savedCounts,
        generation,
        operationStartedAt,
        wakeDurations,
        savedScalableTargets,
        downSince);
  }

  /**
   * This status, remembering {@code durations} as the measured wakes (only the last {@link
   * WakeLead#SAMPLES} are kept).
   */
  public EnvironmentStatus withWakeDurations(List<Duration> durations) {
    int keep = WakeLead.SAMPLES;
    return new EnvironmentStatus(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        conditions,
        savedCounts,
        observedGeneration,
        operationStartedAt,
        durations.subList(Math.max(0, durations.size() - keep), durations.size()),
        savedScalableTargets,
        downSince);
  }

  /** This status, with these scalable targets saved and these conditions. */
  public EnvironmentStatus withScalableTargets(
      Map<String, ScalingBounds> saved, List<Condition> newConditions) {
    return new EnvironmentStatus(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        newConditions,
        savedCounts,
        observedGeneration,
        operationStartedAt,
        wakeDurations,
        saved,
        downSince);
  }

  /** This status, with these services down (see {@link #downSince()}). */
  public EnvironmentStatus withDownSince(Map<String, DownSince> down) {
    return new EnvironmentStatus(
        formatVersion,
        phase,
        target,
        currentTier,
        services,
        conditions,
        savedCounts,
        observedGeneration,
        operationStartedAt,
        wakeDurations,
        savedScalableTargets,
        down);
  }
}
