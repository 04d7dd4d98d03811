package dev.daybreak.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ECS service as DescribeServices reported it.
 *
 * @param ecsService the ECS service name
 * @param status ACTIVE, DRAINING, INACTIVE or MISSING
 * @param desiredCount the service's desiredCount
 * @param runningCount tasks RUNNING
 * @param pendingCount tasks PENDING
 * @param deployments the deployments, PRIMARY first
 * @param events recent events, newest first (as ECS returns them)
 * @param health what the service's load balancer target groups or container health checks report
 *     for its running tasks, when that was observed (only for services whose readiness is healthy)
 */
public record ObservedService(
    String ecsService,
    ServiceStatus status,
    int desiredCount,
    int runningCount,
    int pendingCount,
    List<Deployment> deployments,
    List<ServiceEvent> events,
    Optional<Health> health) {

  public ObservedService {
    Objects.requireNonNull(ecsService, "ecsService");
    Objects.requireNonNull(status, "status");
    deployments = List.copyOf(deployments);
    events = List.copyOf(events);
    Objects.requireNonNull(health, "health");
  }

  /** A service ECS does not know. */
  public static ObservedService missing(String ecsService) {
    return new ObservedService(
        ecsService, ServiceStatus.MISSING, 0, 0, 0, List.of(), List.of(), Optional.empty());
  }

  /** This observation with {@code health}. */
  public ObservedService withHealth(Health health) {
    return new ObservedService(
        ecsService,
        status,
        desiredCount,
        runningCount,
        pendingCount,
        deployments,
        events,
        Optional.of(health));
  }

  /** The sum of failedTasks over the deployments. */
  public int failedTasks() {
    return deployments.stream().mapToInt(Deployment::failedTasks).sum();
  }

  /** The newest event, if any. */
  public Optional<ServiceEvent> latestEvent() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0));
  }
}
