package dev.daybreak.dryrun;

import dev.daybreak.aws.AwsTarget;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.savings.TaskSize;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS in a dry run: observes through the real gateway (reads only: DescribeServices, and the task
 * and target health reads of {@code healthy} services) and makes no UpdateService; each call the
 * controller would make goes to {@link WouldBeCalls} instead.
 */
public final class DryRunEcsGateway implements EcsGateway {

  private final EcsGateway real;
  private final WouldBeCalls calls;
  private final Map<String, Integer> observedDesired;

  public DryRunEcsGateway(EcsGateway real, WouldBeCalls calls) {
    this(real, calls, new ConcurrentHashMap<>());
  }

  private DryRunEcsGateway(
      EcsGateway real, WouldBeCalls calls, Map<String, Integer> observedDesired) {
    this.real = real;
    this.calls = calls;
    this.observedDesired = observedDesired;
  }

  /** The real gateway's route to {@code target} (its role assumed), reading only, as this one. */
  @Override
  public EcsGateway at(AwsTarget target, String environment) {
    EcsGateway routed = real.at(target, environment);
    return routed == real ? this : new DryRunEcsGateway(routed, calls, observedDesired);
  }

  @Override
  public Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices) {
    Map<String, ObservedService> observed = real.observe(cluster, ecsServices);
    observed.forEach(
        (service, o) -> observedDesired.put(cluster + "/" + service, o.desiredCount()));
    return observed;
  }

  @Override
  public Map<String, ObservedService> observe(
      String cluster, Collection<String> ecsServices, Set<String> withHealth) {
    Map<String, ObservedService> observed = real.observe(cluster, ecsServices, withHealth);
    observed.forEach(
        (service, o) -> observedDesired.put(cluster + "/" + service, o.desiredCount()));
    return observed;
  }

  /** Reads the task definitions through the real gateway (DescribeTaskDefinition is a read). */
  @Override
  public Map<String, TaskSize> taskSizes(String cluster, Collection<String> ecsServices) {
    return real.taskSizes(cluster, ecsServices);
  }

  @Override
  public void scale(String cluster, String ecsService, int desiredCount) {
    calls.scale(
        cluster,
        ecsService,
        desiredCount,
        observedDesired.getOrDefault(cluster + "/" + ecsService, -1));
  }
}
