package dev.daybreak.scaling;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.aws.AwsTarget;
import dev.daybreak.model.ScalingBounds;
import java.util.Collection;
import java.util.Map;

/**
 * What the controller needs from Application Auto Scaling, in domain terms: the scalable targets
 * (dimension {@code ecs:service:DesiredCount}) of ECS services, and setting one.
 */
public interface ScalingGateway {

  /**
   * The scalable targets of these services of {@code cluster}: at most one DescribeScalableTargets
   * call per 50 services.
   *
   * @return by ECS service name, only the services that have a target
   * @throws ScalingException when Application Auto Scaling cannot be reached or keeps failing
   */
  Map<String, ScalingBounds> targets(String cluster, Collection<String> ecsServices);

  /**
   * Sets a service's target (RegisterScalableTarget with MinCapacity, MaxCapacity and every member
   * of SuspendedState): repeating it changes nothing.
   *
   * @throws ScalingException when refused or unreachable
   */
  void set(String cluster, String ecsService, ScalingBounds bounds);

  /**
   * This gateway for {@code environment}'s cluster at {@code target} (another account or region).
   * The default reaches only one account (its own endpoint, whatever the region): a target with a
   * role is refused.
   *
   * @throws AwsAccessException when the target cannot be reached
   */
  default ScalingGateway at(AwsTarget target, String environment) {
    if (target.roleArn().isEmpty()) {
      return this;
    }
    throw AwsAccessException.unsupported(target, "Application Auto Scaling");
  }

  /** A gateway for a world without Application Auto Scaling: no service has a target. */
  static ScalingGateway none() {
    return new ScalingGateway() {
      @Override
      public Map<String, ScalingBounds> targets(String cluster, Collection<String> ecsServices) {
        return Map.of();
      }

      @Override
      public void set(String cluster, String ecsService, ScalingBounds bounds) {
        throw new ScalingException(
            "no Application Auto Scaling is configured, so no target can be set for " + ecsService);
      }
    };
  }

  /**
   * The ResourceId of an ECS service's target: {@code service/<cluster name>/<service>}, for a
   * cluster given by name or ARN.
   */
  static String resourceId(String cluster, String ecsService) {
    int slash = cluster.lastIndexOf('/');
    String name = cluster.startsWith("arn:") && slash >= 0 ? cluster.substring(slash + 1) : cluster;
    return "service/" + name + "/" + ecsService;
  }
}
