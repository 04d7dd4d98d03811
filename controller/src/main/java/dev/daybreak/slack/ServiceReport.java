package dev.daybreak.slack;

import dev.daybreak.model.ServiceEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * What an announcement says about one service: the fields the seed's team put in every Slack
 * message.
 *
 * @param serviceName the logical service name
 * @param ecsService the ECS service name
 * @param tier its dependency tier, or -1 when the planner did not report one
 * @param ready whether it met its readiness test in this pass
 * @param targetCount the count the controller is driving it to
 * @param desiredCount ECS's desiredCount as observed
 * @param runningCount ECS's runningCount as observed
 * @param failedTasks failedTasks over its deployments as observed
 * @param latestEvent the newest ECS service event
 */
public record ServiceReport(
    String serviceName,
    String ecsService,
    int tier,
    boolean ready,
    int targetCount,
    int desiredCount,
    int runningCount,
    int failedTasks,
    Optional<ServiceEvent> latestEvent) {

  public ServiceReport {
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(ecsService, "ecsService");
    Objects.requireNonNull(latestEvent, "latestEvent");
  }
}
