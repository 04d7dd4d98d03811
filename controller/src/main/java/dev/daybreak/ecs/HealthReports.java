package dev.daybreak.ecs;

import dev.daybreak.model.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what DescribeTasks and DescribeTargetHealth reported into the model's {@link Health}: only
 * tasks whose lastStatus is RUNNING count; a task's target is the one whose id is the task's
 * private IP address: the {@code ip} target type ECS registers for the {@code awsvpc} network mode,
 * the only one Fargate has (target groups of type {@code instance}, for the bridge and host modes
 * on EC2, are not matched: their tasks count as not yet healthy).
 */
public final class HealthReports {

  private HealthReports() {}

  /**
   * A task as DescribeTasks reported it.
   *
   * @param arn the task ARN
   * @param lastStatus e.g. RUNNING
   * @param privateIp the private IPv4 address of its elastic network interface, if it has one
   * @param healthStatus the task's healthStatus: HEALTHY, UNHEALTHY or UNKNOWN
   */
  public record Task(
      String arn, String lastStatus, Optional<String> privateIp, String healthStatus) {
    public Task {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(lastStatus, "lastStatus");
      Objects.requireNonNull(privateIp, "privateIp");
      Objects.requireNonNull(healthStatus, "healthStatus");
    }

    boolean running() {
      return "RUNNING".equals(lastStatus);
    }
  }

  /**
   * A target as DescribeTargetHealth reported it.
   *
   * @param id the target id
   * @param state e.g. healthy
   * @param reason the reason code, absent when healthy
   */
  public record Target(String id, String state, Optional<String> reason) {}

  /**
   * The health of a service behind {@code targetGroups}, whose tasks are {@code tasks}: per group,
   * each RUNNING task's target counts as healthy, unhealthy, or other (any other state, or no
   * target yet).
   */
  public static Health.TargetGroups targetGroups(
      List<String> targetGroups, Map<String, List<Target>> targetsByGroup, List<Task> tasks) {
    return targetGroups(targetGroups, targetsByGroup, Set.of(), tasks);
  }

  /**
   * As {@link #targetGroups(List, Map, List)}, with the groups of {@code notFound} reported as
   * {@link Health.TargetGroup#notFound not existing} (DescribeTargetHealth answered {@code
   * TargetGroupNotFound}).
   */
  public static Health.TargetGroups targetGroups(
      List<String> targetGroups,
      Map<String, List<Target>> targetsByGroup,
      Set<String> notFound,
      List<Task> tasks) {
    List<Health.TargetGroup> groups = new ArrayList<>();
    for (String arn : targetGroups) {
      if (notFound.contains(arn)) {
        groups.add(Health.TargetGroup.notFound(arn));
        continue;
      }
      List<Target> targets = targetsByGroup.getOrDefault(arn, List.of());
      int healthy = 0;
      int unhealthy = 0;
      int other = 0;
      TreeSet<String> reasons = new TreeSet<>();
      for (Task task : tasks) {
        if (!task.running()) {
          continue;
        }
        Optional<Target> target =
            task.privateIp()
                .flatMap(ip -> targets.stream().filter(t -> t.id().equals(ip)).findFirst());
        String state = target.map(Target::state).orElse("");
        switch (state) {
          case "healthy" -> healthy++;
          case "unhealthy", "unhealthy.draining" -> {
            unhealthy++;
            target.flatMap(Target::reason).ifPresent(reasons::add);
          }
          default -> other++;
        }
      }
      groups.add(new Health.TargetGroup(arn, healthy, unhealthy, other, List.copyOf(reasons)));
    }
    return new Health.TargetGroups(groups);
  }

  /** The health of a service without a load balancer: its RUNNING tasks' healthStatus. */
  public static Health.Containers containers(List<Task> tasks) {
    int healthy = 0;
    int unhealthy = 0;
    int unknown = 0;
    for (Task task : tasks) {
      if (!task.running()) {
        continue;
      }
      switch (task.healthStatus()) {
        case "HEALTHY" -> healthy++;
        case "UNHEALTHY" -> unhealthy++;
        default -> unknown++;
      }
    }
    return new Health.Containers(healthy, unhealthy, unknown);
  }
}
