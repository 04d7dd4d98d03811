package dev.daybreak.ecs;

import dev.daybreak.model.Health;
import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.ratelimit.TokenBucket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Reads the health of a cluster's services for one observation: their RUNNING tasks (ListTasks per
 * service, then DescribeTasks for all of them together, at most {@link
 * EcsQuotas#DESCRIBE_TASKS_MAX} a call), and for services behind load balancers each target group's
 * targets (DescribeTargetHealth, once per target group however many services share it). Every call
 * goes through {@link EcsCalls}: a token from its client-side bucket first (ECS's task-read bucket;
 * for Elastic Load Balancing, {@link #ELB_READS}), throttles backed off and retried.
 */
final class HealthReader {

  /**
   * Elastic Load Balancing does not publish its API rate limits per action; daybreak paces its
   * DescribeTargetHealth calls at 10 a second (burst 20) and backs off on {@code Throttling}.
   */
  static final RateLimit ELB_READS = new RateLimit(20, 10);

  private final EcsClient ecs;
  private final ElasticLoadBalancingV2Client elb;
  private final EcsCalls calls;
  private final TokenBucket taskReads;
  private final TokenBucket elbReads;

  HealthReader(EcsClient ecs, ElasticLoadBalancingV2Client elb, EcsCalls calls, Clock clock) {
    this.ecs = ecs;
    this.elb = elb;
    this.calls = calls;
    this.taskReads = new TokenBucket(EcsQuotas.TASK_READS, clock);
    this.elbReads = new TokenBucket(ELB_READS, clock);
  }

  /**
   * The health of each service of {@code services} (ECS name to its load balancers' target group
   * ARNs; an empty list means no load balancer: container health checks decide).
   *
   * @throws EcsException when ECS or Elastic Load Balancing refuse or cannot be reached
   */
  Map<String, Health> read(String cluster, Map<String, List<String>> services) {
    Map<String, List<String>> taskArns = new LinkedHashMap<>();
    services.keySet().forEach(s -> taskArns.put(s, listRunning(cluster, s)));
    Map<String, HealthReports.Task> tasks = describe(cluster, taskArns);
    Map<String, Optional<List<HealthReports.Target>>> targets = new HashMap<>();
    Map<String, Health> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> service : services.entrySet()) {
      List<HealthReports.Task> mine =
          taskArns.get(service.getKey()).stream().map(tasks::get).filter(t -> t != null).toList();
      if (service.getValue().isEmpty()) {
        out.put(service.getKey(), HealthReports.containers(mine));
        continue;
      }
      for (String group : service.getValue()) {
        if (!targets.containsKey(group)) {
          targets.put(group, describeTargetHealth(group));
        }
      }
      Map<String, List<HealthReports.Target>> found = new HashMap<>();
      Set<String> missing = new HashSet<>();
      for (String group : service.getValue()) {
        targets.get(group).ifPresentOrElse(t -> found.put(group, t), () -> missing.add(group));
      }
      out.put(
          service.getKey(), HealthReports.targetGroups(service.getValue(), found, missing, mine));
    }
    return out;
  }

  private List<String> listRunning(String cluster, String service) {
    List<String> arns = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Optional<String> next = token;
      ListTasksResponse page =
          calls.call(
              "ListTasks",
              taskReads,
              () ->
                  ecs.listTasks(
                      b ->
                          b.cluster(cluster)
                              .serviceName(service)
                              .desiredStatus(DesiredStatus.RUNNING)
                              .maxResults(100)
                              .nextToken(next.orElse(null))));
      arns.addAll(page.taskArns());
      token = Optional.ofNullable(page.nextToken()).filter(t -> !t.isEmpty());
    } while (token.isPresent());
    return arns;
  }

  private Map<String, HealthReports.Task> describe(
      String cluster, Map<String, List<String>> taskArns) {
    List<String> all =
        new ArrayList<>(
            new LinkedHashSet<>(taskArns.values().stream().flatMap(List::stream).toList()));
    Map<String, HealthReports.Task> out = new HashMap<>();
    for (int from = 0; from < all.size(); from += EcsQuotas.DESCRIBE_TASKS_MAX) {
      List<String> batch =
          all.subList(from, Math.min(all.size(), from + EcsQuotas.DESCRIBE_TASKS_MAX));
      DescribeTasksResponse response =
          calls.call(
              "DescribeTasks",
              taskReads,
              () -> ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)));
      response
          .tasks()
          .forEach(
              t ->
                  out.put(
                      t.taskArn(),
                      new HealthReports.Task(
                          t.taskArn(),
                          Optional.ofNullable(t.lastStatus()).orElse(""),
                          privateIp(t.attachments()),
                          Optional.ofNullable(t.healthStatusAsString()).orElse("UNKNOWN"))));
    }
    return out;
  }

  private static Optional<String> privateIp(List<Attachment> attachments) {
    return attachments.stream()
        .filter(a -> "ElasticNetworkInterface".equals(a.type()))
        .flatMap(a -> a.details().stream())
        .filter(d -> "privateIPv4Address".equals(d.name()))
        .map(KeyValuePair::value)
        .findFirst();
  }

  /**
   * The targets of a target group; empty when Elastic Load Balancing does not know it ({@code
   * TargetGroupNotFound}, HTTP 400: deleted, or a wrong ARN in the service's load balancer
   * configuration), which the planner reports as the service's problem rather than failing every
   * pass.
   */
  private Optional<List<HealthReports.Target>> describeTargetHealth(String targetGroupArn) {
    DescribeTargetHealthResponse response;
    try {
      response =
          calls.call(
              "DescribeTargetHealth",
              elbReads,
              () -> elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn)));
    } catch (EcsException e) {
      if (e.getCause() instanceof TargetGroupNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(
        response.targetHealthDescriptions().stream()
            .filter(d -> d.target() != null && d.targetHealth() != null)
            .map(
                d ->
                    new HealthReports.Target(
                        d.target().id(),
                        Optional.ofNullable(d.targetHealth().stateAsString()).orElse(""),
                        Optional.ofNullable(d.targetHealth().reasonAsString())))
            .toList());
  }
}
