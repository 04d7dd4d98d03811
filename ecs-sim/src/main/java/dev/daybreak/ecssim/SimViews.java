package dev.daybreak.ecssim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Immutable snapshots of the simulator's mutable state, as the ECS API shows them. */
final class SimViews {

  private SimViews() {}

  static ServiceView service(SimService s, boolean withTags) {
    List<DeploymentView> deployments =
        s.deployments.stream()
            .map(
                d ->
                    new DeploymentView(
                        d.id,
                        d.status(),
                        d.taskDefinition,
                        d.primary ? s.desiredCount : 0,
                        s.count(d, TaskStatus.PROVISIONING) + s.count(d, TaskStatus.PENDING),
                        s.count(d, TaskStatus.RUNNING),
                        d.failedTasks,
                        d.createdAt,
                        d.updatedAt,
                        d.rolloutState,
                        d.rolloutStateReason))
            .toList();
    List<ServiceEventView> events =
        s.events.stream()
            .map(e -> new ServiceEventView(e.id(), e.createdAt(), e.message()))
            .toList();
    return new ServiceView(
        s.arn,
        s.name,
        s.cluster.arn,
        s.status,
        s.desiredCount,
        s.runningCount(),
        s.pendingCount(),
        s.taskDefinition,
        s.createdAt,
        s.circuitBreaker,
        s.rollback,
        deployments,
        events,
        withTags ? tags(s.tags) : List.of(),
        s.loadBalancers,
        java.util.Optional.ofNullable(s.capacityProvider));
  }

  static TaskView task(SimTask t, boolean withTags, String healthStatus) {
    SimService s = t.service;
    return new TaskView(
        t.arn,
        s.cluster.arn,
        t.deployment.taskDefinition,
        "service:" + s.name,
        t.deployment.id,
        t.lastStatus.name(),
        t.live() ? "RUNNING" : "STOPPED",
        t.createdAt,
        Optional.ofNullable(t.pullStartedAt),
        Optional.ofNullable(t.pullStoppedAt),
        Optional.ofNullable(t.startedAt),
        Optional.ofNullable(t.stoppingAt),
        Optional.ofNullable(t.stoppedAt),
        Optional.ofNullable(t.stopCode),
        Optional.ofNullable(t.stoppedReason),
        s.name,
        "docker.io/library/" + s.name + ":latest",
        containerStatus(t),
        Optional.ofNullable(t.exitCode),
        Optional.ofNullable(t.containerReason),
        t.version,
        withTags ? tags(t.tags) : List.of(),
        healthStatus,
        t.privateIp);
  }

  static ClusterView cluster(SimCluster c, boolean withTags) {
    return new ClusterView(
        c.arn,
        c.name,
        "ACTIVE",
        c.services.values().stream().mapToInt(SimService::runningCount).sum(),
        c.services.values().stream().mapToInt(SimService::pendingCount).sum(),
        (int) c.services.values().stream().filter(SimService::active).count(),
        withTags ? tags(c.tags) : List.of());
  }

  static ServiceSummary summary(SimService s) {
    return new ServiceSummary(
        s.cluster.name,
        s.name,
        s.status,
        s.desiredCount,
        s.runningCount(),
        s.pendingCount(),
        s.deployments.stream().mapToInt(d -> d.failedTasks).sum());
  }

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }

  private static String containerStatus(SimTask t) {
    return switch (t.lastStatus) {
      case PROVISIONING, PENDING -> "PENDING";
      case RUNNING -> "RUNNING";
      case STOPPING, STOPPED -> "STOPPED";
    };
  }
}
