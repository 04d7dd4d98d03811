package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service as DescribeServices returns it; {@code capacityProvider} is the one provider of its
 * capacityProviderStrategy (e.g. FARGATE_SPOT), empty for the FARGATE launch type.
 */
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
    List<LoadBalancer> loadBalancers,
    Optional<String> capacityProvider) {

  public ServiceView {
    Objects.requireNonNull(capacityProvider, "capacityProvider");
    deployments = List.copyOf(deployments);
    events = List.copyOf(events);
    tags = List.copyOf(tags);
    loadBalancers = List.copyOf(loadBalancers);
  }
}
