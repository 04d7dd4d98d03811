package dev.daybreak.ecssim;

import java.util.Objects;

/**
 * One entry of a service's {@code loadBalancers} (ECS's {@code LoadBalancer} shape, for an
 * Application or Network Load Balancer): ECS registers each task of the service in the target
 * group, at the task's private IP address and the container port ({@code ip} targets, as for the
 * {@code awsvpc} network mode of Fargate).
 *
 * @param targetGroupArn the target group
 * @param containerName the container the load balancer routes to
 * @param containerPort the port on that container
 */
public record LoadBalancer(String targetGroupArn, String containerName, int containerPort) {

  public LoadBalancer {
    Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    Objects.requireNonNull(containerName, "containerName");
    if (containerPort < 1 || containerPort > 65_535) {
      throw new IllegalArgumentException(
          "containerPort must be 1 to 65535, was " + containerPort + " for " + targetGroupArn);
    }
  }

  /**
   * The ARN of a target group of this account and region, as Elastic Load Balancing names them
   * ({@code arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID}).
   */
  public static String targetGroupArn(String region, String account, String name) {
    String id = String.format("%016x", (long) name.hashCode() * 0x9E3779B97F4A7C15L);
    return "arn:aws:elasticloadbalancing:"
        + region
        + ":"
        + account
        + ":targetgroup/"
        + name
        + "/"
        + id;
  }
}
