package dev.daybreak.ecssim;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated account's Application Auto Scaling, operation by operation (see {@link
 * SimAutoScaling} for what it does to services). Every operation takes the caller's name, is logged
 * in the simulator's call log (with the cluster and service its ResourceId names) and throws {@link
 * ScalingException} with the service's error. Thread-safe: it runs under the simulator's lock.
 */
public final class AutoScaling {

  /** The caller the call log names for changes Application Auto Scaling makes itself. */
  public static final String CALLER = SimAutoScaling.CALLER;

  /** The only namespace the simulator models. */
  public static final String ECS = SimAutoScaling.ECS;

  /** The only dimension of the ecs namespace. */
  public static final String DESIRED_COUNT = SimAutoScaling.DESIRED_COUNT;

  /** MaxResults' bounds and default for the Describe operations (API Reference). */
  public static final int MAX_RESULTS = SimAutoScaling.MAX_RESULTS;

  private static final Pattern RESOURCE_ID = Pattern.compile("service/([^/]+)/([^/]+)");

  private final EcsSimulator sim;
  private final SimAutoScaling core;

  AutoScaling(EcsSimulator sim, SimAutoScaling core) {
    this.sim = sim;
    this.core = core;
  }

  /** RegisterScalableTarget: creates or updates a target. */
  public ScalableTargetView register(String caller, ScalingRequests.Register r) {
    return sim.scalingCall(
        caller,
        "RegisterScalableTarget",
        cluster(r.resourceId()),
        services(r.resourceId()),
        () -> core.register(r));
  }

  /** DescribeScalableTargets, one page. */
  public ScalingPage<ScalableTargetView> describeTargets(
      String caller,
      String namespace,
      List<String> resourceIds,
      Optional<String> dimension,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    return sim.scalingCall(
        caller,
        "DescribeScalableTargets",
        Optional.empty(),
        resourceIds.stream().flatMap(id -> services(id).stream()).toList(),
        () -> core.describeTargets(namespace, resourceIds, dimension, maxResults, nextToken));
  }

  /** DeregisterScalableTarget: removes a target with its policies and scheduled actions. */
  public void deregister(String caller, String namespace, String resourceId, String dimension) {
    sim.scalingCall(
        caller,
        "DeregisterScalableTarget",
        cluster(resourceId),
        services(resourceId),
        () -> {
          core.deregister(namespace, resourceId, dimension);
          return null;
        });
  }

  /** PutScalingPolicy: returns the policy's ARN. */
  public String putPolicy(String caller, ScalingRequests.PutPolicy p) {
    return sim.scalingCall(
        caller,
        "PutScalingPolicy",
        cluster(p.resourceId()),
        services(p.resourceId()),
        () -> core.putPolicy(p));
  }

  /** DescribeScalingPolicies, one page. */
  public ScalingPage<ScalingPolicyView> describePolicies(
      String caller,
      String namespace,
      List<String> names,
      Optional<String> resourceId,
      Optional<String> dimension,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    return sim.scalingCall(
        caller,
        "DescribeScalingPolicies",
        resourceId.flatMap(AutoScaling::cluster),
        resourceId.map(AutoScaling::services).orElse(List.of()),
        () ->
            core.describePolicies(namespace, names, resourceId, dimension, maxResults, nextToken));
  }

  /** PutScheduledAction. */
  public void putScheduled(String caller, ScalingRequests.PutScheduled a) {
    sim.scalingCall(
        caller,
        "PutScheduledAction",
        cluster(a.resourceId()),
        services(a.resourceId()),
        () -> {
          core.putScheduled(a);
          return null;
        });
  }

  /** DescribeScheduledActions, one page. */
  public ScalingPage<ScheduledActionView> describeScheduled(
      String caller,
      String namespace,
      List<String> names,
      Optional<String> resourceId,
      Optional<String> dimension,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    return sim.scalingCall(
        caller,
        "DescribeScheduledActions",
        resourceId.flatMap(AutoScaling::cluster),
        resourceId.map(AutoScaling::services).orElse(List.of()),
        () ->
            core.describeScheduled(namespace, names, resourceId, dimension, maxResults, nextToken));
  }

  /** Logs and throws a call the front end refused before it reached an operation. */
  public void reject(String caller, String op, ScalingError error, String message) {
    sim.scalingCall(
        caller,
        op,
        Optional.empty(),
        List.of(),
        () -> {
          throw new ScalingException(error, message);
        });
  }

  /**
   * Declares a scalable target for {@code service} of {@code cluster}: set-up (for {@code ecs-sim
   * --from} and {@code POST /_sim/scalable-targets}), neither throttled, faulted nor logged, with
   * RegisterScalableTarget's validation and effect.
   *
   * @throws ScalingException as RegisterScalableTarget would
   */
  public ScalableTargetView declare(
      String cluster, String service, int min, int max, Suspension suspended) {
    return sim.scalingSetup(
        () ->
            core.register(
                new ScalingRequests.Register(
                    SimAutoScaling.ECS,
                    SimAutoScaling.resourceId(cluster, service),
                    SimAutoScaling.DESIRED_COUNT,
                    OptionalInt.of(min),
                    OptionalInt.of(max),
                    Optional.of(suspended.dynamicIn()),
                    Optional.of(suspended.dynamicOut()),
                    Optional.of(suspended.scheduled()))));
  }

  /** Every scalable target (inspection, not logged). */
  public List<ScalableTargetView> targets() {
    return sim.scalingSetup(core::targets);
  }

  private static Optional<String> cluster(String resourceId) {
    Matcher m = RESOURCE_ID.matcher(resourceId);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static List<String> services(String resourceId) {
    Matcher m = RESOURCE_ID.matcher(resourceId);
    return m.matches() ? List.of(m.group(2)) : List.of();
  }
}
