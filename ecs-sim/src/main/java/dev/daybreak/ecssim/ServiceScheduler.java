package dev.daybreak.ecssim;

import dev.daybreak.model.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The simulated ECS service scheduler: keeps each service's task count at its desiredCount, moves
 * tasks through their lifecycle on the {@link EventQueue}, and writes ECS's service events.
 *
 * <p>What it models, from ECS's documentation:
 *
 * <ul>
 *   <li>Tasks go PROVISIONING, PENDING (a quarter of the start latency in), RUNNING (at the start
 *       latency), and on stop STOPPING, then STOPPED after the stop latency.
 *   <li>A task that reaches RUNNING while a service it requires has runningCount 0 exits after the
 *       crash grace with "Essential container in task exited" and counts in its deployment's
 *       failedTasks; the scheduler replaces it after the relaunch delay, for ever. Tasks that stop
 *       after RUNNING do not start ECS's service throttle logic.
 *   <li>A task that never reaches RUNNING ({@code CannotPullContainerError}) counts in failedTasks
 *       and starts the service throttle logic: the delay before the next launch doubles per
 *       consecutive failure up to 27 minutes, with the event "is unable to consistently start tasks
 *       successfully".
 *   <li>failedTasks counts consecutive failures and resets when a task of the deployment runs. (ECS
 *       also stops counting once a deployment has run a task; the simulator keeps counting, so
 *       every wake-up that crashes shows.)
 *   <li>rolloutState is IN_PROGRESS until the first steady state, then COMPLETED. The deployment
 *       circuit breaker ("How the Amazon ECS deployment circuit breaker detects failures", Amazon
 *       ECS Developer Guide; {@code DeploymentCircuitBreaker} and {@code
 *       ServiceDeploymentCircuitBreaker} in the ECS API Reference), when enabled, turns an
 *       IN_PROGRESS deployment FAILED once its failed tasks reach the threshold {@code 0.5 *
 *       desired task count} (rounded up) bounded to [3, 200], with rolloutStateReason "ECS
 *       deployment circuit breaker: tasks failed to start." and the service event "(service s)
 *       (deployment id) deployment failed: tasks failed to start."; a FAILED deployment launches no
 *       more tasks.
 *   <li>With rollback enabled, the circuit breaker rolls back to the most recent COMPLETED
 *       deployment: a new PRIMARY deployment of that deployment's task definition, IN_PROGRESS with
 *       rolloutStateReason "ECS deployment circuit breaker: rolling back to deploymentId id." and
 *       the event "(service s) rolling back to deployment id.". The deployment rolled back to is no
 *       longer COMPLETED, so it cannot be rolled back to again until the rollback completes; when
 *       no deployment is COMPLETED the failed deployment stalls, as the guide says.
 *   <li>Replaced deployments stay in DescribeServices (status ACTIVE) while they have tasks, and a
 *       FAILED one until a later deployment completes, so a failed rollout stays visible while ECS
 *       rolls back.
 * </ul>
 */
final class ServiceScheduler {

  /** Consecutive start failures after which ECS says it is throttling launches. */
  private static final int THROTTLE_EVENT_AFTER = 3;

  private final EventQueue queue;
  private final Arns arns;
  private final Ids ids;
  private final Random random;
  private final SimSettings settings;
  private final Supplier<Faults> faults;
  private final SimTargets targets;

  ServiceScheduler(
      EventQueue queue,
      Arns arns,
      Ids ids,
      Random random,
      SimSettings settings,
      Supplier<Faults> faults,
      SimTargets targets) {
    this.queue = queue;
    this.arns = arns;
    this.ids = ids;
    this.random = random;
    this.settings = settings;
    this.faults = faults;
    this.targets = targets;
  }

  /** Brings {@code service}'s tasks towards its desired count; call after anything changes it. */
  void reconcile(SimService service) {
    Instant now = queue.now();
    retireReplacedDeployments(service);
    SimDeployment primary = service.primary();
    int wanted = service.active() ? service.desiredCount : 0;
    List<SimTask> live =
        service.tasks.stream().filter(t -> t.deployment == primary && t.live()).toList();
    if (live.size() > wanted) {
      scaleIn(service, live, live.size() - wanted);
    } else if (live.size() < wanted && primary.rolloutState != RolloutState.FAILED) {
      if (now.isBefore(service.launchNotBefore)) {
        wakeAt(service, service.launchNotBefore);
      } else {
        launch(service, primary, wanted - live.size());
      }
    }
    if ("DRAINING".equals(service.status) && service.tasks.isEmpty() && !service.retiring) {
      service.retiring = true;
      queue.schedule(now, () -> service.status = "INACTIVE");
    }
    updateSteadyState(service);
  }

  /** Records an ECS service event. */
  void event(SimService service, String message) {
    service.addEvent(new SimService.SimEvent(ids.eventId(), queue.now(), message));
  }

  private void launch(SimService service, SimDeployment deployment, int count) {
    Instant now = queue.now();
    List<SimTask> launched = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = ids.taskId();
      SimTask task = new SimTask(id, arns.task(service.cluster.name, id), service, deployment, now);
      task.privateIp = targets.nextAddress();
      service.tasks.add(task);
      launched.add(task);
      Duration start = settings.startLatencyOf(service.name).sample(random);
      queue.schedule(now.plus(start.dividedBy(4)), () -> toPending(task));
      queue.schedule(now.plus(start), () -> toRunning(task));
    }
    deployment.updatedAt = now;
    event(
        service,
        "(service " + service.name + ") has started " + count + " tasks: " + list(launched) + ".");
  }

  private void scaleIn(SimService service, List<SimTask> live, int count) {
    List<SimTask> victims =
        live.stream()
            .sorted(
                Comparator.comparing((SimTask t) -> t.lastStatus == TaskStatus.RUNNING)
                    .thenComparing(t -> t.createdAt, Comparator.reverseOrder()))
            .limit(count)
            .toList();
    for (SimTask task : victims) {
      task.stopCode = "ServiceSchedulerInitiated";
      task.stoppedReason = "Scaling activity initiated by (deployment " + task.deployment.id + ")";
      beginStop(task);
    }
    event(
        service,
        "(service "
            + service.name
            + ") has stopped "
            + count
            + " running tasks: "
            + list(victims)
            + ".");
  }

  private void toPending(SimTask task) {
    if (task.lastStatus == TaskStatus.PROVISIONING && task.live()) {
      task.moveTo(TaskStatus.PENDING);
      task.pullStartedAt = queue.now();
      task.deployment.updatedAt = queue.now();
    }
  }

  private void toRunning(SimTask task) {
    if (task.lastStatus != TaskStatus.PENDING || !task.live()) {
      return;
    }
    SimService service = task.service;
    Instant now = queue.now();
    if (failsToStart(task)) {
      failToStart(task);
      return;
    }
    task.moveTo(TaskStatus.RUNNING);
    task.pullStoppedAt = now;
    task.startedAt = now;
    task.deployment.updatedAt = now;
    targets.running(task);
    List<String> missing =
        settings.requirementsOf(service.name).stream()
            .filter(r -> service.cluster.service(r).map(SimService::runningCount).orElse(0) == 0)
            .sorted()
            .toList();
    if (missing.isEmpty()) {
      task.deployment.failedTasks = 0;
      service.consecutiveStartFailures = 0;
      service.throttleAnnounced = false;
    } else {
      task.doomed = true;
      queue.schedule(now.plus(settings.crashGrace()), () -> crash(task));
    }
    reconcile(service);
  }

  private void crash(SimTask task) {
    if (task.lastStatus != TaskStatus.RUNNING || !task.live()) {
      return;
    }
    task.stopCode = "EssentialContainerExited";
    task.stoppedReason = "Essential container in task exited";
    task.exitCode = 1;
    fail(task, queue.now().plus(settings.relaunchDelay()));
  }

  private void failToStart(SimTask task) {
    SimService service = task.service;
    String image = "docker.io/library/" + service.name + ":latest";
    task.stopCode = "TaskFailedToStart";
    task.containerReason =
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to"
            + " resolve ref "
            + image
            + ": "
            + image
            + ": not found";
    task.stoppedReason = task.containerReason;
    service.consecutiveStartFailures++;
    long doublings = Math.min(service.consecutiveStartFailures - 1, 30);
    Duration backoff = settings.startFailureBackoff().multipliedBy(1L << doublings);
    if (backoff.compareTo(settings.startFailureBackoffMax()) > 0) {
      backoff = settings.startFailureBackoffMax();
    }
    if (service.consecutiveStartFailures >= THROTTLE_EVENT_AFTER && !service.throttleAnnounced) {
      service.throttleAnnounced = true;
      event(
          service,
          "(service " + service.name + ") is unable to consistently start tasks successfully.");
    }
    fail(task, queue.now().plus(backoff));
  }

  private void fail(SimTask task, Instant nextLaunch) {
    SimService service = task.service;
    SimDeployment deployment = task.deployment;
    deployment.failedTasks++;
    if (nextLaunch.isAfter(service.launchNotBefore)) {
      service.launchNotBefore = nextLaunch;
    }
    beginStop(task);
    if (service.circuitBreaker
        && deployment.rolloutState == RolloutState.IN_PROGRESS
        && deployment.failedTasks >= circuitBreakerThreshold(service.desiredCount)) {
      deployment.rolloutState = RolloutState.FAILED;
      deployment.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
      event(
          service,
          "(service "
              + service.name
              + ") (deployment "
              + deployment.id
              + ") deployment failed: tasks failed to start.");
      if (service.rollback && deployment == service.primary()) {
        rollBack(service);
      }
    }
    reconcile(service);
  }

  /**
   * The circuit breaker's rollback: a new PRIMARY deployment of the last COMPLETED deployment's
   * task definition. Without a COMPLETED deployment the failed one stays PRIMARY and stalls.
   */
  private void rollBack(SimService service) {
    SimDeployment target = service.lastCompleted;
    if (target == null) {
      return;
    }
    Instant now = queue.now();
    SimDeployment rollback = new SimDeployment(ids.deploymentId(), target.taskDefinition, now);
    rollback.rolloutStateReason =
        "ECS deployment circuit breaker: rolling back to deploymentId " + target.id + ".";
    service.deployments.forEach(d -> d.primary = false);
    service.deployments.add(0, rollback);
    service.taskDefinition = target.taskDefinition;
    service.lastCompleted = null;
    service.consecutiveStartFailures = 0;
    service.launchNotBefore = now;
    service.throttleAnnounced = false;
    service.steady = false;
    event(service, "(service " + service.name + ") rolling back to deployment " + target.id + ".");
  }

  /**
   * Whether {@code task} fails to start: {@link Faults#failToStart()} names its service or its
   * deployment's task definition.
   */
  private boolean failsToStart(SimTask task) {
    for (String entry : faults.get().failToStart()) {
      boolean match =
          entry.contains(":")
              ? arns.taskDefinition(entry).equals(task.deployment.taskDefinition)
              : entry.equals(task.service.name);
      if (match) {
        return true;
      }
    }
    return false;
  }

  private void beginStop(SimTask task) {
    Instant now = queue.now();
    task.desiredRunning = false;
    task.moveTo(TaskStatus.STOPPING);
    task.stoppingAt = now;
    task.deployment.updatedAt = now;
    targets.stopping(task);
    Duration stop = settings.stopLatencyOf(task.service.name).sample(random);
    queue.schedule(now.plus(stop), () -> finishStop(task));
  }

  private void finishStop(SimTask task) {
    Instant now = queue.now();
    task.moveTo(TaskStatus.STOPPED);
    task.stoppedAt = now;
    task.deployment.updatedAt = now;
    task.service.tasks.remove(task);
    targets.stopped(task);
    task.service.cluster.retire(task);
    reconcile(task.service);
  }

  private void wakeAt(SimService service, Instant at) {
    if (service.wakeAt != null && !service.wakeAt.isAfter(at)) {
      return;
    }
    service.wakeAt = at;
    queue.schedule(
        at,
        () -> {
          if (at.equals(service.wakeAt)) {
            service.wakeAt = null;
          }
          reconcile(service);
        });
  }

  private void retireReplacedDeployments(SimService service) {
    SimDeployment primary = service.primary();
    boolean primaryDone = service.count(primary, TaskStatus.RUNNING) >= service.desiredCount;
    for (SimDeployment old : service.deployments.subList(1, service.deployments.size())) {
      if (primaryDone || !service.active()) {
        service.tasks.stream()
            .filter(t -> t.deployment == old && t.live())
            .toList()
            .forEach(
                t -> {
                  t.stopCode = "ServiceSchedulerInitiated";
                  t.stoppedReason = "Deployment replaced by (deployment " + primary.id + ")";
                  beginStop(t);
                });
      }
    }
    service.deployments.removeIf(
        d ->
            d != primary
                && d.rolloutState != RolloutState.FAILED
                && service.tasks.stream().noneMatch(t -> t.deployment == d));
  }

  private void updateSteadyState(SimService service) {
    SimDeployment primary = service.primary();
    boolean steady =
        service.active()
            && service.tasks.stream()
                .allMatch(
                    t -> t.deployment == primary && t.lastStatus == TaskStatus.RUNNING && !t.doomed)
            && service.tasks.size() == service.desiredCount
            && service.deployments.stream()
                .allMatch(d -> d == primary || d.rolloutState == RolloutState.FAILED);
    if (steady && !service.steady) {
      if (primary.rolloutState == RolloutState.IN_PROGRESS) {
        primary.rolloutState = RolloutState.COMPLETED;
        primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
        service.lastCompleted = primary;
        service.deployments.removeIf(d -> d != primary);
        event(
            service,
            "(service " + service.name + ") (deployment " + primary.id + ") deployment completed.");
      }
      event(service, "(service " + service.name + ") has reached a steady state.");
    }
    service.steady = steady;
  }

  private static int circuitBreakerThreshold(int desiredCount) {
    return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
  }

  private static String list(List<SimTask> tasks) {
    return tasks.stream().map(t -> "(task " + t.id + ")").collect(Collectors.joining(" "));
  }
}
