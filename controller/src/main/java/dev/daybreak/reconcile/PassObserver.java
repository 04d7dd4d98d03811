package dev.daybreak.reconcile;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.aws.AwsTarget;
import dev.daybreak.ecs.EcsException;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.model.AutoscalingMode;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.scaling.ScalingException;
import dev.daybreak.scaling.ScalingGateway;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Observes an environment for a pass, in its own AWS account and region ({@link AwsTarget}): its
 * scalable targets when daybreak manages them, then its services (DescribeServices, with target
 * health for the services whose readiness is {@code healthy}).
 */
final class PassObserver {

  private final EcsGateway ecs;
  private final ScalingGateway scaling;

  PassObserver(EcsGateway ecs, ScalingGateway scaling) {
    this.ecs = ecs;
    this.scaling = scaling;
  }

  /**
   * What a pass saw, and the gateways to act through in the environment's account and region.
   *
   * @param targets the scalable targets, by ECS service name (none unless daybreak manages them)
   * @param services what DescribeServices reported, by ECS service name
   */
  record Observed(
      EcsGateway ecs,
      ScalingGateway scaling,
      Map<String, ScalingBounds> targets,
      Map<String, ObservedService> services) {}

  /**
   * Observes {@code spec}'s services.
   *
   * @throws AwsAccessException when the environment's account or region cannot be reached: its role
   *     cannot be assumed, or (for another account or region than the controller's own) ECS or
   *     Application Auto Scaling there fails with a transient error after the gateway's retries
   */
  Observed observe(EnvironmentSpec spec) {
    AwsTarget target = AwsTarget.of(spec);
    try {
      return observe(spec, target);
    } catch (EcsException | ScalingException e) {
      if (target.isHome() || !TransientFailures.isTransient(e)) {
        throw e;
      }
      throw new AwsAccessException(
          AwsAccessException.UNREACHABLE,
          "AWS in region "
              + target.region().orElse("(the controller's own)")
              + " did not answer: "
              + e.getMessage(),
          e);
    }
  }

  /** The ECS gateway in {@code spec}'s account and region. */
  EcsGateway ecsFor(EnvironmentSpec spec) {
    return ecs.at(AwsTarget.of(spec), spec.name());
  }

  private Observed observe(EnvironmentSpec spec, AwsTarget target) {
    List<String> ecsServices = spec.services().stream().map(ServiceSpec::ecsService).toList();
    EcsGateway there = ecs.at(target, spec.name());
    ScalingGateway scalingThere = scaling.at(target, spec.name());
    Map<String, ScalingBounds> targets =
        spec.autoscaling() == AutoscalingMode.MANAGE
            ? scalingThere.targets(spec.cluster(), ecsServices)
            : Map.of();
    Map<String, ObservedService> services =
        there.observe(
            spec.cluster(),
            ecsServices,
            spec.services().stream()
                .filter(s -> s.readiness() == Readiness.HEALTHY)
                .map(ServiceSpec::ecsService)
                .collect(Collectors.toSet()));
    return new Observed(there, scalingThere, targets, services);
  }
}
