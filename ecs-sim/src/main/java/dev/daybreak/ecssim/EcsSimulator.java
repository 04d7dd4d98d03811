package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.EcsError.InvalidParameterException;
import static dev.daybreak.ecssim.EcsError.ServerException;
import static dev.daybreak.ecssim.EcsError.ThrottlingException;

import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.TokenBucket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A simulated Amazon ECS account: clusters, services, tasks, deployments and events, ECS's
 * throttling buckets, injected faults, and a log of every call. The core of {@code daybreak
 * ecs-sim}, free of HTTP and threads: time is read from the {@link Clock} it is given (real, {@link
 * dev.daybreak.time.ScaledClock scaled} or {@link dev.daybreak.time.VirtualClock virtual}), and
 * everything due up to that time happens, in order, when the simulator is next called. A
 * deterministic-simulation harness can call the operations in-process and move a virtual clock.
 *
 * <p>Every operation method takes the caller's name (for the call log), passes ECS's admission
 * (blackout, token bucket, injected error rate, in that order), does what ECS would, and returns an
 * immutable view or throws {@link SimException} with ECS's error. Thread-safe: one call at a time.
 */
public final class EcsSimulator {

  private final Clock clock;
  private final SimSettings settings;
  private final Random random;
  private final EventQueue queue;
  private final SimAccount account;
  private final CallLog calls;
  private final SimAutoScaling scaling;
  private final AutoScaling autoScaling;
  private final Map<Operation.Quota, TokenBucket> buckets = new EnumMap<>(Operation.Quota.class);
  private final SimTargets targets;
  private final ServiceScheduler scheduler;
  private final SimTaskDefinitions taskDefinitions;
  private Faults faults = Faults.none();

  public EcsSimulator(SimSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = new Random(settings.seed());
    this.queue = new EventQueue(clock.instant());
    Arns arns = new Arns(settings.region(), settings.accountId());
    Ids ids = new Ids(random);
    Supplier<Faults> currentFaults = () -> faults;
    this.targets = new SimTargets(queue, settings.health());
    this.scheduler =
        new ServiceScheduler(queue, arns, ids, random, settings, currentFaults, targets);
    this.account = new SimAccount(queue, arns, ids, scheduler);
    this.taskDefinitions = new SimTaskDefinitions(arns);
    this.calls = new CallLog(settings.callLogLimit());
    this.scaling =
        new SimAutoScaling(queue, account, arns, random, settings.scalingDelay(), calls::add);
    this.autoScaling = new AutoScaling(this, scaling);
    buckets.put(Operation.Quota.SERVICE_READS, new TokenBucket(EcsQuotas.SERVICE_READS, clock));
    buckets.put(Operation.Quota.UPDATE_SERVICE, new TokenBucket(EcsQuotas.UPDATE_SERVICE, clock));
    buckets.put(Operation.Quota.TASK_READS, new TokenBucket(EcsQuotas.TASK_READS, clock));
    buckets.put(
        Operation.Quota.TASK_DEFINITION_READS,
        new TokenBucket(EcsQuotas.TASK_DEFINITION_READS, clock));
  }

  public SimSettings settings() {
    return settings;
  }

  /** Runs everything due up to the clock's time and returns that simulation time. */
  public synchronized Instant now() {
    advance();
    return queue.now();
  }

  /** When the next scheduled change happens (a harness may move a virtual clock there). */
  public synchronized Optional<Instant> nextChangeAt() {
    advance();
    return queue.nextAt();
  }

  /** Application Auto Scaling of this account's ECS services. */
  public AutoScaling autoScaling() {
    return autoScaling;
  }

  public synchronized Faults faults() {
    return faults;
  }

  public synchronized void setFaults(Faults faults) {
    advance();
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** Every call received, oldest first (at most {@link SimSettings#callLogLimit()}). */
  public synchronized List<CallRecord> calls() {
    return calls.snapshot();
  }

  /** How many calls were dropped from the front of the log to keep it bounded. */
  public synchronized long droppedCalls() {
    return calls.dropped();
  }

  public synchronized void clearCalls() {
    calls.clear();
  }

  /** Every service's counts, by cluster and name. */
  public synchronized List<ServiceSummary> services() {
    advance();
    List<ServiceSummary> out = new ArrayList<>();
    account.clusters().forEach(c -> c.services.values().forEach(s -> out.add(SimViews.summary(s))));
    return out;
  }

  /**
   * Creates {@code cluster} (a name, or an ARN of this account and region; if new) and each of
   * {@code services} that does not exist (or is INACTIVE) at desiredCount 0: set-up, not an API
   * call, so it is neither throttled, faulted nor logged.
   */
  public synchronized void provision(String cluster, Collection<String> services) {
    advance();
    SimCluster c = account.createCluster(account.clusterName(Optional.of(cluster)));
    for (String s : services) {
      if (c.service(s).filter(existing -> !"INACTIVE".equals(existing.status)).isEmpty()) {
        account.createService(c, NewService.named(s, 0));
      }
    }
  }

  /**
   * Creates {@code cluster} (if new) and the service {@code spec} describes unless it exists (and
   * is not INACTIVE), as {@link #provision} does, with the spec's circuit breaker, task definition
   * and load balancers: set-up, not an API call.
   */
  public synchronized void provision(String cluster, NewService spec) {
    advance();
    SimCluster c = account.createCluster(cluster);
    if (c.service(spec.serviceName())
        .filter(existing -> !"INACTIVE".equals(existing.status))
        .isEmpty()) {
      targets.ensureGroups(spec.loadBalancers());
      account.createService(c, spec);
    }
  }

  /**
   * A service as DescribeServices would show it now, if it exists (inspection, not an API call:
   * neither throttled, faulted nor logged).
   */
  public synchronized Optional<ServiceView> inspect(String cluster, String service) {
    advance();
    return account
        .findCluster(cluster)
        .flatMap(c -> c.service(service))
        .map(s -> SimViews.service(s, false));
  }

  /**
   * The container {@code healthStatus} (HEALTHY, UNHEALTHY or UNKNOWN) of each of a service's tasks
   * whose lastStatus is RUNNING, now, as DescribeTasks would report it (inspection, not an API
   * call).
   */
  public synchronized List<String> runningTasksHealth(String cluster, String service) {
    advance();
    return account.findCluster(cluster).flatMap(c -> c.service(service)).stream()
        .flatMap(s -> s.tasks.stream())
        .filter(t -> t.lastStatus == TaskStatus.RUNNING)
        .map(targets::containerHealth)
        .toList();
  }

  public Described<ServiceView> describeServices(
      String caller, Optional<String> cluster, List<String> services, boolean withTags) {
    return call(
        caller,
        Operation.DescribeServices,
        named(cluster),
        services,
        OptionalInt.empty(),
        () -> {
          if (services.isEmpty() || services.size() > EcsQuotas.DESCRIBE_SERVICES_MAX) {
            throw new SimException(
                InvalidParameterException,
                "services must name 1 to "
                    + EcsQuotas.DESCRIBE_SERVICES_MAX
                    + " services, was "
                    + services.size()
                    + ".");
          }
          SimCluster c = account.cluster(cluster);
          List<ServiceView> found = new ArrayList<>();
          List<Failure> failures = new ArrayList<>();
          for (String ref : services) {
            account
                .findService(c, ref)
                .ifPresentOrElse(
                    s -> found.add(SimViews.service(s, withTags)),
                    () -> failures.add(new Failure(account.serviceArn(c, ref), Failure.MISSING)));
          }
          return new Described<>(found, failures);
        });
  }

  public ServiceView updateService(
      String caller,
      Optional<String> cluster,
      String service,
      OptionalInt desiredCount,
      Optional<String> taskDefinition,
      boolean forceNewDeployment) {
    return call(
        caller,
        Operation.UpdateService,
        named(cluster),
        List.of(service),
        desiredCount,
        () -> {
          SimService updated =
              account.updateService(
                  account.cluster(cluster),
                  service,
                  desiredCount,
                  taskDefinition,
                  forceNewDeployment);
          scaling.watch(updated);
          return SimViews.service(updated, false);
        });
  }

  public Page listServices(
      String caller, Optional<String> cluster, OptionalInt maxResults, Optional<String> nextToken) {
    return call(
        caller,
        Operation.ListServices,
        named(cluster),
        List.of(),
        OptionalInt.empty(),
        () -> account.listServices(account.cluster(cluster), maxResults, nextToken));
  }

  public ServiceView createService(String caller, Optional<String> cluster, NewService service) {
    return call(
        caller,
        Operation.CreateService,
        named(cluster),
        List.of(service.serviceName()),
        OptionalInt.empty(),
        () -> {
          targets.ensureGroups(service.loadBalancers());
          return SimViews.service(account.createService(account.cluster(cluster), service), true);
        });
  }

  public ServiceView deleteService(
      String caller, Optional<String> cluster, String service, boolean force) {
    return call(
        caller,
        Operation.DeleteService,
        named(cluster),
        List.of(service),
        OptionalInt.empty(),
        () ->
            SimViews.service(
                account.deleteService(account.cluster(cluster), service, force), false));
  }

  public ClusterView createCluster(String caller, Optional<String> name, List<Tag> tags) {
    return call(
        caller,
        Operation.CreateCluster,
        named(name),
        List.of(),
        OptionalInt.empty(),
        () -> {
          SimCluster c = account.createCluster(name.orElse("default"));
          tags.forEach(t -> c.tags.put(t.key(), t.value()));
          return SimViews.cluster(c, true);
        });
  }

  public Described<ClusterView> describeClusters(
      String caller, List<String> clusters, boolean withTags) {
    List<String> refs = clusters.isEmpty() ? List.of("default") : clusters;
    return call(
        caller,
        Operation.DescribeClusters,
        Optional.empty(),
        List.of(),
        OptionalInt.empty(),
        () -> {
          List<ClusterView> found = new ArrayList<>();
          List<Failure> failures = new ArrayList<>();
          for (String ref : refs) {
            account
                .findCluster(ref)
                .ifPresentOrElse(
                    c -> found.add(SimViews.cluster(c, withTags)),
                    () -> failures.add(new Failure(account.clusterArn(ref), Failure.MISSING)));
          }
          return new Described<>(found, failures);
        });
  }

  public Page listTasks(
      String caller,
      Optional<String> cluster,
      Optional<String> serviceName,
      Optional<String> desiredStatus,
      OptionalInt maxResults,
      Optional<String> nextToken) {
    return call(
        caller,
        Operation.ListTasks,
        named(cluster),
        serviceName.map(List::of).orElse(List.of()),
        OptionalInt.empty(),
        () ->
            account.listTasks(
                account.cluster(cluster), serviceName, desiredStatus, maxResults, nextToken));
  }

  public Described<TaskView> describeTasks(
      String caller, Optional<String> cluster, List<String> tasks, boolean withTags) {
    return call(
        caller,
        Operation.DescribeTasks,
        named(cluster),
        List.of(),
        OptionalInt.empty(),
        () -> {
          if (tasks.isEmpty() || tasks.size() > EcsQuotas.DESCRIBE_TASKS_MAX) {
            throw new SimException(
                InvalidParameterException,
                "tasks must name 1 to "
                    + EcsQuotas.DESCRIBE_TASKS_MAX
                    + " tasks, was "
                    + tasks.size()
                    + ".");
          }
          SimCluster c = account.cluster(cluster);
          List<TaskView> found = new ArrayList<>();
          List<Failure> failures = new ArrayList<>();
          for (String ref : tasks) {
            account
                .findTask(c, ref)
                .ifPresentOrElse(
                    t -> found.add(SimViews.task(t, withTags, targets.containerHealth(t))),
                    () -> failures.add(new Failure(account.taskArn(c, ref), Failure.MISSING)));
          }
          return new Described<>(found, failures);
        });
  }

  public void tagResource(String caller, String resourceArn, List<Tag> tags) {
    call(
        caller,
        Operation.TagResource,
        Optional.empty(),
        List.of(),
        OptionalInt.empty(),
        () -> {
          Map<String, String> target = account.tagsOf(resourceArn);
          tags.forEach(t -> target.put(t.key(), t.value()));
          return null;
        });
  }

  public void untagResource(String caller, String resourceArn, List<String> tagKeys) {
    call(
        caller,
        Operation.UntagResource,
        Optional.empty(),
        List.of(),
        OptionalInt.empty(),
        () -> {
          account.tagsOf(resourceArn).keySet().removeAll(tagKeys);
          return null;
        });
  }

  public List<Tag> listTagsForResource(String caller, String resourceArn) {
    return call(
        caller,
        Operation.ListTagsForResource,
        Optional.empty(),
        List.of(),
        OptionalInt.empty(),
        () -> SimViews.tags(account.tagsOf(resourceArn)));
  }

  /**
   * Gives {@code service} load balancers and/or a container health check, as its CreateService
   * would have (set-up, not an API call: neither throttled, faulted nor logged). Tasks started from
   * now on register in the target groups; running ones keep their registrations.
   *
   * @throws SimException ClusterNotFoundException or ServiceNotFoundException
   */
  public synchronized void setHealthChecks(
      String cluster, String service, List<LoadBalancer> loadBalancers, boolean containerCheck) {
    advance();
    SimService s = account.service(account.cluster(Optional.of(cluster)), service);
    s.loadBalancers = List.copyOf(loadBalancers);
    s.containerHealthCheck = containerCheck;
    targets.ensureGroups(loadBalancers);
  }

  /**
   * Records a service event with this message now, as ECS records its own (newest first, the
   * service's last 100 in DescribeServices: "Amazon ECS service event messages"): for tests of what
   * clients do with any message text ECS may send, markup included.
   *
   * @throws SimException ClusterNotFoundException or ServiceNotFoundException
   */
  public synchronized void injectEvent(String cluster, String service, String message) {
    advance();
    scheduler.event(account.service(account.cluster(Optional.of(cluster)), service), message);
  }

  /** RegisterTaskDefinition: a new revision of {@code spec}'s family. */
  public TaskDefinitionView registerTaskDefinition(String caller, TaskDefinitionSpec spec) {
    return call(
        caller,
        Operation.RegisterTaskDefinition,
        Optional.empty(),
        List.of(spec.family()),
        OptionalInt.empty(),
        () -> taskDefinitions.register(spec, queue.now()));
  }

  /**
   * DescribeTaskDefinition of a family (its latest revision), family:revision or ARN; throttled in
   * ECS's task definition read bucket.
   *
   * @throws SimException ClientException "Unable to describe task definition." when unknown
   */
  public TaskDefinitionView describeTaskDefinition(String caller, String reference) {
    return call(
        caller,
        Operation.DescribeTaskDefinition,
        Optional.empty(),
        List.of(reference),
        OptionalInt.empty(),
        () -> taskDefinitions.describe(reference, queue.now(), this::implicitHealthCheck));
  }

  /**
   * Registers {@code spec} and makes it the task definition of {@code service}'s current
   * deployment, on {@code capacityProvider} (FARGATE or FARGATE_SPOT): set-up as {@code ecs-sim
   * --from} does, not an API call, so it is neither throttled, faulted nor logged.
   */
  public synchronized TaskDefinitionView defineTask(
      String cluster, String service, TaskDefinitionSpec spec, String capacityProvider) {
    advance();
    SimService s = account.service(account.cluster(Optional.of(cluster)), service);
    TaskDefinitionView view = taskDefinitions.register(spec, queue.now());
    s.taskDefinition = view.arn();
    s.deployments.forEach(d -> d.taskDefinition = view.arn());
    s.containerHealthCheck = view.containers().stream().anyMatch(c -> c.healthCheck().isPresent());
    s.capacityProvider = "FARGATE".equals(capacityProvider) ? null : capacityProvider;
    return view;
  }

  /**
   * Gives {@code service} a task definition of its own name with this size ({@link
   * TaskDefinitionSpec#simple}), with a container health check when the service has one, on {@code
   * capacityProvider}: {@code ecs-sim --task-size}'s set-up.
   */
  public synchronized TaskDefinitionView defineTaskSize(
      String cluster,
      String service,
      int cpu,
      int memory,
      String cpuArchitecture,
      String capacityProvider) {
    advance();
    boolean check =
        account.service(account.cluster(Optional.of(cluster)), service).containerHealthCheck;
    return defineTask(
        cluster,
        service,
        TaskDefinitionSpec.simple(service, cpu, memory, cpuArchitecture, check),
        capacityProvider);
  }

  private Optional<Boolean> implicitHealthCheck(String taskDefinitionArn) {
    return account.clusters().stream()
        .flatMap(c -> c.services.values().stream())
        .filter(s -> taskDefinitionArn.equals(s.taskDefinition))
        .map(s -> s.containerHealthCheck)
        .reduce(Boolean::logicalOr);
  }

  /**
   * Deletes a target group, as DeleteTargetGroup would (set-up, not an API call: neither throttled,
   * faulted nor logged): its targets are deregistered, DescribeTargetHealth of it answers {@code
   * TargetGroupNotFound}, services that name it keep naming it.
   *
   * @throws SimException {@link EcsError#TargetGroupNotFound} when there is no such group
   */
  public synchronized void deleteTargetGroup(String targetGroupArn) {
    advance();
    if (!targets.delete(targetGroupArn)) {
      throw new SimException(EcsError.TargetGroupNotFound, "One or more target groups not found");
    }
  }

  /** The services (by ECS name, every cluster) whose target and container health checks fail. */
  public synchronized Set<String> unhealthyServices() {
    return targets.unhealthy();
  }

  /** Makes the health checks of {@code services} fail, and every other service's pass. */
  public synchronized void setUnhealthyServices(Set<String> services) {
    advance();
    targets.setUnhealthy(services);
  }

  /** Every change of a target's health so far, oldest first. */
  public synchronized List<TargetHealthChange> targetHealthHistory() {
    advance();
    return targets.history();
  }

  /**
   * Elastic Load Balancing v2's DescribeTargetHealth: the targets of one target group, or of those
   * named in {@code targetIds} ({@code Targets.member.N.Id}; a named target that is not registered
   * is reported {@code unused} with {@code Target.NotRegistered}, as ELB does). Logged as {@code
   * DescribeTargetHealth} with the target group ARN in place of services; blackouts apply.
   *
   * @throws SimException {@link EcsError#TargetGroupNotFound} for a target group that does not
   *     exist
   */
  public List<TargetHealthView> describeTargetHealth(
      String caller, String targetGroupArn, List<String> targetIds) {
    return callUnmetered(
        caller,
        "DescribeTargetHealth",
        List.of(targetGroupArn),
        () -> {
          List<TargetHealthView> all =
              targets
                  .describe(targetGroupArn)
                  .orElseThrow(
                      () ->
                          new SimException(
                              EcsError.TargetGroupNotFound, "One or more target groups not found"));
          if (targetIds.isEmpty()) {
            return all;
          }
          List<TargetHealthView> out = new ArrayList<>();
          for (String id : targetIds) {
            List<TargetHealthView> matches = all.stream().filter(t -> t.id().equals(id)).toList();
            if (matches.isEmpty()) {
              out.add(
                  new TargetHealthView(
                      id,
                      0,
                      "unused",
                      Optional.of("Target.NotRegistered"),
                      Optional.of("Target is not registered to the target group")));
            }
            out.addAll(matches);
          }
          return out;
        });
  }

  /**
   * Logs a call the front end refused before it reached an operation (unknown operation, a body
   * that is not the expected JSON).
   */
  public synchronized void recordRejected(
      String caller, String op, Optional<String> cluster, EcsError error) {
    advance();
    calls.add(
        new CallRecord(
            queue.now(),
            op,
            cluster.map(c -> account.clusterName(Optional.of(c))),
            List.of(),
            OptionalInt.empty(),
            error.name(),
            caller));
  }

  /**
   * Runs one API call: advances time, admits it, runs {@code body}, logs it.
   *
   * @param loggedCluster the cluster the call log names, when the call addresses one
   */
  private synchronized <T> T call(
      String caller,
      Operation op,
      Optional<String> loggedCluster,
      List<String> services,
      OptionalInt desiredCount,
      Supplier<T> body) {
    advance();
    String outcome = CallRecord.OK;
    try {
      admit(op);
      return body.get();
    } catch (SimException e) {
      outcome = e.error().name();
      throw e;
    } finally {
      calls.add(
          new CallRecord(
              queue.now(), op.name(), loggedCluster, services, desiredCount, outcome, caller));
    }
  }

  /**
   * Runs a call of another AWS service on this port: advances time, fails it in a blackout, runs
   * {@code body}, logs it under {@code op} with {@code names} as its services.
   */
  private synchronized <T> T callUnmetered(
      String caller, String op, List<String> names, Supplier<T> body) {
    advance();
    String outcome = CallRecord.OK;
    try {
      if (faults.blackedOut(queue.now())) {
        throw new SimException(
            ServerException, "Service Unavailable. Please try again later. (ecs-sim: blackout)");
      }
      return body.get();
    } catch (SimException e) {
      outcome = e.error().name();
      throw e;
    } finally {
      calls.add(
          new CallRecord(
              queue.now(), op, Optional.empty(), names, OptionalInt.empty(), outcome, caller));
    }
  }

  /**
   * Runs one Application Auto Scaling call (see {@link AutoScaling}): advances time, refuses it
   * during a blackout, runs {@code body}, logs it under {@code op}.
   */
  synchronized <T> T scalingCall(
      String caller, String op, Optional<String> cluster, List<String> services, Supplier<T> body) {
    advance();
    String outcome = CallRecord.OK;
    try {
      if (faults.blackedOut(queue.now())) {
        throw new ScalingException(
            ScalingError.InternalServiceException,
            "Service Unavailable. Please try again later. (ecs-sim: blackout)");
      }
      return body.get();
    } catch (ScalingException e) {
      outcome = e.error().name();
      throw e;
    } finally {
      calls.add(
          new CallRecord(queue.now(), op, cluster, services, OptionalInt.empty(), outcome, caller));
    }
  }

  /** Runs set-up or inspection of Application Auto Scaling: time advanced, not logged. */
  synchronized <T> T scalingSetup(Supplier<T> body) {
    advance();
    return body.get();
  }

  private Optional<String> named(Optional<String> cluster) {
    return Optional.of(account.clusterName(cluster));
  }

  private void admit(Operation op) {
    if (faults.blackedOut(queue.now())) {
      throw new SimException(
          ServerException, "Service Unavailable. Please try again later. (ecs-sim: blackout)");
    }
    TokenBucket bucket = buckets.get(op.quota());
    if (bucket != null && !bucket.tryAcquire()) {
      throw new SimException(ThrottlingException, "Rate exceeded");
    }
    double throttleRate = faults.throttleRate(op);
    if (throttleRate > 0 && random.nextDouble() < throttleRate) {
      throw new SimException(ThrottlingException, "Rate exceeded (ecs-sim: injected throttle)");
    }
    double errorRate = faults.errorRate(op);
    if (errorRate > 0 && random.nextDouble() < errorRate) {
      throw new SimException(
          ServerException,
          "Service Unavailable. Please try again later. (ecs-sim: injected error)");
    }
  }

  private void advance() {
    queue.runUntil(clock.instant());
  }
}
