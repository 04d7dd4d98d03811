package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.List;

/** A service as DescribeServices returns it. */
public record ServiceView(
    String serviceArn,
    String serviceName,
    String clusterArn,
    String status,
    int desiredCount,
    int runningCount,
    int pendingCount,
    String taskDefinition,
    Instant createdAt,
    boolean circuitBreaker,
    boolean rollback,
    List<DeploymentView> deployments,
    List<ServiceEventView> events,
    List<Tag> tags,
    List<LoadBalancer> loadBalancers) {

  public ServiceView {
    deployments = List.copyOf(deployments);
    events = List.copyOf(events);
    tags = List.copyOf(tags);
    loadBalancers = List.copyOf(loadBalancers);
  }
}
