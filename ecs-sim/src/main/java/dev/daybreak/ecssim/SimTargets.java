package dev.daybreak.ecssim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated Elastic Load Balancing v2 target groups that ECS services register their tasks in,
 * and the tasks' container health checks. Not thread-safe: {@link EcsSimulator} calls it under its
 * lock, with time already advanced; {@link ServiceScheduler} tells it when a task starts and stops.
 *
 * <p>What it models, from AWS's documentation (<a
 * href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html">target
 * group health checks</a>, <a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html">ECS
 * service load balancing</a>, <a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html">container
 * health checks</a>):
 *
 * <ul>
 *   <li>When a task of a service with load balancers reaches RUNNING, ECS registers it in each
 *       target group at its private IP and the container port: the target is {@code initial}
 *       ({@code Elb.RegistrationInProgress}), then after the registration time {@code initial}
 *       ({@code Elb.InitialHealthChecking}) while the checks run every interval; after {@link
 *       HealthSettings#healthyThreshold()} passing checks it is {@code healthy}, after {@link
 *       HealthSettings#unhealthyThreshold()} failing ones {@code unhealthy} ({@code
 *       Target.ResponseCodeMismatch}). A health fault on the service makes its checks fail (HTTP
 *       503); lifting it makes them pass again.
 *   <li>When ECS begins stopping the task it deregisters the target: {@code draining} ({@code
 *       Target.DeregistrationInProgress}) until the task has stopped, then the target is gone.
 *   <li>A task of a service with a container health check reports {@code healthStatus} UNKNOWN
 *       until its first check, one interval after it started; then HEALTHY, or under a health fault
 *       UNHEALTHY once {@link HealthSettings#containerRetries()} checks have failed. Without a
 *       health check it reports UNKNOWN for ever, as ECS does.
 *   <li>A target group can be deleted (DeleteTargetGroup, "Delete a target group", Elastic Load
 *       Balancing User Guide): its targets go with it, DescribeTargetHealth of its ARN answers
 *       {@code TargetGroupNotFound}, and tasks that start later cannot register in it (their
 *       service still names it) until a group of that ARN exists again.
 * </ul>
 *
 * Not modelled: ECS replacing a task whose target or container is unhealthy, the health check grace
 * period, the deregistration delay (the task's stop latency stands in for it).
 */
final class SimTargets {

  private static final String HEALTHY = "healthy";
  private static final String UNHEALTHY = "unhealthy";
  private static final String INITIAL = "initial";
  private static final String DRAINING = "draining";

  private final EventQueue queue;
  private final HealthSettings settings;
  private final Map<String, List<Target>> groups = new LinkedHashMap<>();
  private final List<TargetHealthChange> history = new ArrayList<>();
  private Set<String> unhealthyServices = Set.of();
  private long addresses;

  SimTargets(EventQueue queue, HealthSettings settings) {
    this.queue = queue;
    this.settings = settings;
  }

  /** One registered target; mutable under the simulator's lock. */
  private static final class Target {
    final String group;
    final SimTask task;
    final int port;
    String state = INITIAL;
    String reason = "Elb.RegistrationInProgress";
    int passes;
    int failures;
    boolean checking;
    boolean gone;

    Target(String group, SimTask task, int port) {
      this.group = group;
      this.task = task;
      this.port = port;
    }
  }

  /** The next private IP address of the simulated VPC (10.0.0.0/16), for a new task's ENI. */
  String nextAddress() {
    long n = addresses++;
    return "10.0." + (n / 250 % 256) + "." + (n % 250 + 4);
  }

  /** Makes the target groups known (a service that names one creates it in the simulator). */
  void ensureGroups(List<LoadBalancer> loadBalancers) {
    loadBalancers.forEach(
        lb -> groups.computeIfAbsent(lb.targetGroupArn(), k -> new ArrayList<>()));
  }

  boolean exists(String targetGroupArn) {
    return groups.containsKey(targetGroupArn);
  }

  /**
   * Deletes a target group with its targets.
   *
   * @return false when there is no such group
   */
  boolean delete(String targetGroupArn) {
    List<Target> targets = groups.remove(targetGroupArn);
    if (targets == null) {
      return false;
    }
    for (Target t : targets) {
      t.gone = true;
      history.add(change(t, TargetHealthChange.DEREGISTERED, Optional.empty()));
    }
    return true;
  }

  /** ECS registers a task that reached RUNNING in its service's (existing) target groups. */
  void running(SimTask task) {
    for (LoadBalancer lb : task.service.loadBalancers) {
      List<Target> group = groups.get(lb.targetGroupArn());
      if (group == null) {
        continue;
      }
      Target t = new Target(lb.targetGroupArn(), task, lb.containerPort());
      group.add(t);
      record(t);
      queue.schedule(
          queue.now().plus(settings.registration()),
          () -> {
            if (!t.gone && INITIAL.equals(t.state)) {
              t.reason = "Elb.InitialHealthChecking";
              record(t);
              scheduleCheck(t);
            }
          });
    }
  }

  /** ECS began stopping the task: its targets drain. */
  void stopping(SimTask task) {
    for (Target t : targetsOf(task)) {
      if (!DRAINING.equals(t.state)) {
        t.state = DRAINING;
        t.reason = "Target.DeregistrationInProgress";
        record(t);
      }
    }
  }

  /** The task has stopped: its targets leave their groups. */
  void stopped(SimTask task) {
    for (Target t : targetsOf(task)) {
      t.gone = true;
      groups.get(t.group).remove(t);
      history.add(change(t, TargetHealthChange.DEREGISTERED, Optional.empty()));
    }
  }

  /** Replaces the services whose health checks fail; every target re-checks from now on. */
  void setUnhealthy(Set<String> services) {
    unhealthyServices = Set.copyOf(services);
    groups.values().forEach(ts -> ts.forEach(this::scheduleCheck));
  }

  Set<String> unhealthy() {
    return unhealthyServices;
  }

  /** The targets of a group, as DescribeTargetHealth shows them; empty when it does not exist. */
  Optional<List<TargetHealthView>> describe(String targetGroupArn) {
    return Optional.ofNullable(groups.get(targetGroupArn))
        .map(
            ts ->
                ts.stream()
                    .map(
                        t ->
                            new TargetHealthView(
                                t.task.privateIp,
                                t.port,
                                t.state,
                                Optional.ofNullable(t.reason),
                                Optional.ofNullable(t.reason).map(SimTargets::description)))
                    .toList());
  }

  /** Every change of a target's health so far, oldest first. */
  List<TargetHealthChange> history() {
    return List.copyOf(history);
  }

  /** The task's container {@code healthStatus} now: UNKNOWN, HEALTHY or UNHEALTHY. */
  String containerHealth(SimTask task) {
    if (!task.service.containerHealthCheck
        || task.lastStatus != TaskStatus.RUNNING
        || task.startedAt == null) {
      return "UNKNOWN";
    }
    Duration up = Duration.between(task.startedAt, queue.now());
    if (unhealthyServices.contains(task.service.name)) {
      return up.compareTo(settings.containerInterval().multipliedBy(settings.containerRetries()))
              >= 0
          ? "UNHEALTHY"
          : "UNKNOWN";
    }
    return up.compareTo(settings.containerInterval()) >= 0 ? "HEALTHY" : "UNKNOWN";
  }

  private List<Target> targetsOf(SimTask task) {
    List<Target> out = new ArrayList<>();
    groups.values().forEach(ts -> ts.stream().filter(t -> t.task == task).forEach(out::add));
    return out;
  }

  private void scheduleCheck(Target t) {
    if (t.checking
        || t.gone
        || DRAINING.equals(t.state)
        || "Elb.RegistrationInProgress".equals(t.reason)
        || settled(t)) {
      return;
    }
    t.checking = true;
    queue.schedule(queue.now().plus(settings.targetInterval()), () -> check(t));
  }

  private void check(Target t) {
    t.checking = false;
    if (t.gone || DRAINING.equals(t.state)) {
      return;
    }
    if (failing(t)) {
      t.passes = 0;
      t.failures++;
      if (t.failures >= settings.unhealthyThreshold() && !UNHEALTHY.equals(t.state)) {
        t.state = UNHEALTHY;
        t.reason = "Target.ResponseCodeMismatch";
        record(t);
      }
    } else {
      t.failures = 0;
      t.passes++;
      if (t.passes >= settings.healthyThreshold() && !HEALTHY.equals(t.state)) {
        t.state = HEALTHY;
        t.reason = null;
        record(t);
      }
    }
    scheduleCheck(t);
  }

  private boolean failing(Target t) {
    return unhealthyServices.contains(t.task.service.name);
  }

  /** Checks can stop: the target is in the state its checks keep confirming. */
  private boolean settled(Target t) {
    return failing(t) ? UNHEALTHY.equals(t.state) : HEALTHY.equals(t.state);
  }

  private void record(Target t) {
    history.add(change(t, t.state, Optional.ofNullable(t.reason)));
  }

  private TargetHealthChange change(Target t, String state, Optional<String> reason) {
    return new TargetHealthChange(
        queue.now(),
        t.group,
        t.task.service.cluster.name,
        t.task.service.name,
        t.task.arn,
        t.task.privateIp,
        t.port,
        state,
        reason);
  }

  private static String description(String reason) {
    return switch (reason) {
      case "Elb.RegistrationInProgress" -> "Target registration is in progress";
      case "Elb.InitialHealthChecking" -> "Initial health checking in progress";
      case "Target.ResponseCodeMismatch" -> "Health checks failed with these codes: [503]";
      case "Target.DeregistrationInProgress" -> "Target deregistration is in progress";
      default -> reason;
    };
  }
}
