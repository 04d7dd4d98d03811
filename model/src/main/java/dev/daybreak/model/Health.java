package dev.daybreak.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a service's health checks reported for its running tasks: its load balancer target groups
 * when it has any (Elastic Load Balancing's DescribeTargetHealth), otherwise its containers' health
 * checks (ECS's DescribeTasks). Only targets and containers of tasks ECS reports RUNNING count.
 */
public sealed interface Health {

  /**
   * Whether every counted target (or container) is healthy and at least {@code target} of them are
   * in every target group.
   */
  boolean isHealthy(int target);

  /** A sentence saying what is not healthy yet, naming the target groups. */
  String describe();

  /** The ARNs of the service's target groups that do not exist (none without a load balancer). */
  default List<String> missingTargetGroups() {
    return List.of();
  }

  /**
   * The service is behind load balancer target groups.
   *
   * @param groups one entry per target group the service registers its tasks in
   */
  record TargetGroups(List<TargetGroup> groups) implements Health {
    public TargetGroups {
      groups = List.copyOf(groups);
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("a service behind a load balancer has target groups");
      }
    }

    @Override
    public boolean isHealthy(int target) {
      return groups.stream().allMatch(g -> g.allHealthy() && g.healthy() >= target);
    }

    @Override
    public String describe() {
      return groups.stream().map(TargetGroup::describe).collect(Collectors.joining("; "));
    }

    @Override
    public List<String> missingTargetGroups() {
      return groups.stream().filter(g -> !g.found()).map(TargetGroup::arn).toList();
    }
  }

  /**
   * The service has no load balancer: its containers' health checks decide.
   *
   * @param healthy running tasks whose healthStatus is HEALTHY
   * @param unhealthy running tasks whose healthStatus is UNHEALTHY
   * @param unknown running tasks whose healthStatus is UNKNOWN (not checked yet, or no health check
   *     in the task definition)
   */
  record Containers(int healthy, int unhealthy, int unknown) implements Health {
    public Containers {
      if (healthy < 0 || unhealthy < 0 || unknown < 0) {
        throw new IllegalArgumentException("counts must be >= 0");
      }
    }

    @Override
    public boolean isHealthy(int target) {
      return unhealthy == 0 && unknown == 0 && healthy >= target;
    }

    @Override
    public String describe() {
      String counts =
          "no load balancer; container health of its running tasks: "
              + healthy
              + " HEALTHY, "
              + unhealthy
              + " UNHEALTHY, "
              + unknown
              + " UNKNOWN";
      if (unknown > 0 && healthy == 0 && unhealthy == 0) {
        return counts
            + " (a task definition without a container health check never reports HEALTHY: add"
            + " a healthCheck to its essential container, put the service behind a target group,"
            + " or declare readiness running or stable)";
      }
      return counts;
    }
  }

  /**
   * One target group's targets that belong to RUNNING tasks of the service.
   *
   * @param arn the target group's ARN
   * @param healthy targets in state {@code healthy}
   * @param unhealthy targets in state {@code unhealthy}
   * @param other targets in any other state ({@code initial}, {@code draining}, {@code unused},
   *     {@code unavailable}), or running tasks with no target in the group yet
   * @param unhealthyReasons the distinct reasons of the unhealthy targets, e.g. {@code
   *     Target.ResponseCodeMismatch}
   * @param found false when Elastic Load Balancing does not know the target group ({@code
   *     TargetGroupNotFound}: deleted, or a wrong ARN in the service's load balancer
   *     configuration); its counts are then all zero
   */
  record TargetGroup(
      String arn,
      int healthy,
      int unhealthy,
      int other,
      List<String> unhealthyReasons,
      boolean found) {
    public TargetGroup {
      Objects.requireNonNull(arn, "arn");
      unhealthyReasons = List.copyOf(unhealthyReasons);
      if (healthy < 0 || unhealthy < 0 || other < 0) {
        throw new IllegalArgumentException("counts must be >= 0");
      }
    }

    /** A target group that exists, with these counts. */
    public TargetGroup(
        String arn, int healthy, int unhealthy, int other, List<String> unhealthyReasons) {
      this(arn, healthy, unhealthy, other, unhealthyReasons, true);
    }

    /** A target group Elastic Load Balancing does not know. */
    public static TargetGroup notFound(String arn) {
      return new TargetGroup(arn, 0, 0, 0, List.of(), false);
    }

    boolean allHealthy() {
      return found && unhealthy == 0 && other == 0;
    }

    String describe() {
      if (!found) {
        return "target group " + arn + " does not exist (TargetGroupNotFound)";
      }
      return "target group "
          + arn
          + ": "
          + unhealthy
          + " unhealthy"
          + (unhealthyReasons.isEmpty() ? "" : " (" + String.join(", ", unhealthyReasons) + ")")
          + ", "
          + healthy
          + " healthy, "
          + other
          + " not yet checked or draining, of "
          + (healthy + unhealthy + other)
          + " running task(s)";
    }
  }

  /**
   * The service has no load balancer and none of its task definition's containers has a health
   * check: nothing will ever report it healthy.
   *
   * @param taskDefinition the task definition ARN that was read
   */
  record NoHealthCheck(String taskDefinition) implements Health {
    public NoHealthCheck {
      java.util.Objects.requireNonNull(taskDefinition, "taskDefinition");
    }

    @Override
    public boolean isHealthy(int target) {
      return false;
    }

    @Override
    public String describe() {
      return "no load balancer, and no container of task definition "
          + taskDefinition
          + " has a healthCheck";
    }
  }
}
