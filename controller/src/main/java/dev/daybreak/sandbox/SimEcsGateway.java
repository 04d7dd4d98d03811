package dev.daybreak.sandbox;

import dev.daybreak.ecs.EcsCalls;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.HealthReports;
import dev.daybreak.ecs.ObservedServices;
import dev.daybreak.ecs.TaskDefinitions;
import dev.daybreak.ecssim.DeploymentView;
import dev.daybreak.ecssim.Described;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.Page;
import dev.daybreak.ecssim.ServiceView;
import dev.daybreak.ecssim.SimException;
import dev.daybreak.ecssim.TaskDefinitionView;
import dev.daybreak.model.Health;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * An {@link EcsGateway} that calls an {@link EcsSimulator} in-process: no HTTP, no threads, so a
 * deterministic simulation can drive the real reconciler against the simulated ECS.
 *
 * <p>Observations go through the same mapping as {@link dev.daybreak.ecs.SdkEcsGateway}'s (the
 * simulator's view is turned into the SDK's {@code Service} and mapped by {@link
 * ObservedServices}), so the reconciler sees exactly what it would see over the wire.
 *
 * <p>Errors go through the production retry loop ({@link EcsCalls#retrying}): the simulator's error
 * becomes the SDK's {@link EcsException} with the same error code and HTTP status, as over the
 * wire, so a {@code ThrottlingException} is waited out and retried, never surfaced; a {@code
 * ServerException} is retried {@link GatewaySettings#transientAttempts()} times, then reported as
 * {@link dev.daybreak.ecs.EcsException}; anything else is reported at once. Waiting is done through
 * the {@link Sleeper} given, which in a simulation moves the virtual clock rather than blocking:
 * the pass then simply takes that much simulated time, as it would in production. The backoffs'
 * jitter comes from the random source given (a seeded one), so that a seed replays exactly.
 */
public final class SimEcsGateway implements EcsGateway {

  /** The caller name this gateway writes into the simulator's call log. */
  public static final String CALLER = "daybreak";

  /** The jitter source of a gateway given none: a fixed seed, so runs repeat. */
  private static final long DEFAULT_SEED = 20;

  private final EcsSimulator ecs;
  private final GatewaySettings settings;
  private final EcsCalls calls;
  private final TaskDefinitions taskDefinitions;
  private final Optional<TokenBucket> updates;

  /** A gateway whose backoffs are jittered from a fixed seed. */
  public SimEcsGateway(EcsSimulator ecs, GatewaySettings settings, Sleeper sleeper) {
    this(ecs, settings, sleeper, new SplittableRandom(DEFAULT_SEED));
  }

  /**
   * @param sleeper how retries wait (a simulation advances its virtual clock)
   * @param random the backoffs' jitter: a seeded source, for a run that replays
   */
  public SimEcsGateway(
      EcsSimulator ecs, GatewaySettings settings, Sleeper sleeper, RandomGenerator random) {
    this(ecs, settings, sleeper, random, Optional.empty());
  }

  /**
   * @param updates the client-side bucket UpdateService turns come from, on the simulation's clock,
   *     as {@link dev.daybreak.ecs.SdkEcsGateway}'s are: a pass then waits for its turns through
   *     {@code sleeper}, and {@link dev.daybreak.ecs.ScaleAdmission} sees the backlog. Empty: no
   *     client-side pacing (the simulator's own throttling is retried)
   */
  public SimEcsGateway(
      EcsSimulator ecs,
      GatewaySettings settings,
      Sleeper sleeper,
      RandomGenerator random,
      Optional<TokenBucket> updates) {
    this.updates = Objects.requireNonNull(updates, "updates");
    this.ecs = Objects.requireNonNull(ecs, "ecs");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.calls = new EcsCalls(settings, sleeper, random);
    this.taskDefinitions =
        new TaskDefinitions(
            arn ->
                sdkTaskDefinition(
                    call("DescribeTaskDefinition", () -> ecs.describeTaskDefinition(CALLER, arn))));
  }

  @Override
  public Map<String, TaskSize> taskSizes(String cluster, Collection<String> ecsServices) {
    return taskDefinitions.sizes(cluster, ecsServices);
  }

  @Override
  public Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices) {
    return observe(cluster, ecsServices, new HashMap<>());
  }

  /**
   * {@inheritDoc}
   *
   * <p>As the SDK gateway does: for each service of {@code withHealth} that is ACTIVE with a task
   * running, its RUNNING tasks (ListTasks, DescribeTasks) and, behind load balancers, each target
   * group's DescribeTargetHealth (once per group per call).
   */
  @Override
  public Map<String, ObservedService> observe(
      String cluster, Collection<String> ecsServices, Set<String> withHealth) {
    Map<String, List<String>> groups = new HashMap<>();
    Map<String, ObservedService> observed = observe(cluster, ecsServices, groups);
    Map<String, ObservedService> out = new LinkedHashMap<>(observed);
    Map<String, List<HealthReports.Target>> targets = new HashMap<>();
    for (String name : withHealth) {
      ObservedService o = observed.get(name);
      if (o == null || o.status() != ServiceStatus.ACTIVE) {
        continue;
      }
      List<String> mine = groups.getOrDefault(name, List.of());
      Optional<String> unchecked =
          mine.isEmpty() ? taskDefinitions.withoutHealthCheck(cluster, name) : Optional.empty();
      if (unchecked.isPresent()) {
        out.put(name, o.withHealth(new Health.NoHealthCheck(unchecked.get())));
        continue;
      }
      if (o.runningCount() == 0) {
        continue;
      }
      List<HealthReports.Task> tasks = runningTasks(cluster, name);
      if (mine.isEmpty()) {
        out.put(name, o.withHealth(HealthReports.containers(tasks)));
        continue;
      }
      for (String group : mine) {
        targets.computeIfAbsent(
            group,
            g ->
                call("DescribeTargetHealth", () -> ecs.describeTargetHealth(CALLER, g, List.of()))
                    .stream()
                    .map(t -> new HealthReports.Target(t.id(), t.state(), t.reason()))
                    .toList());
      }
      out.put(name, o.withHealth(HealthReports.targetGroups(mine, targets, tasks)));
    }
    return out;
  }

  private List<HealthReports.Task> runningTasks(String cluster, String service) {
    List<String> arns = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Optional<String> next = token;
      Page page =
          call(
              "ListTasks",
              () ->
                  ecs.listTasks(
                      CALLER,
                      Optional.of(cluster),
                      Optional.of(service),
                      Optional.of("RUNNING"),
                      OptionalInt.of(100),
                      next));
      arns.addAll(page.arns());
      token = page.nextToken();
    } while (token.isPresent());
    List<HealthReports.Task> out = new ArrayList<>();
    for (int from = 0; from < arns.size(); from += EcsQuotas.DESCRIBE_TASKS_MAX) {
      List<String> batch =
          arns.subList(from, Math.min(arns.size(), from + EcsQuotas.DESCRIBE_TASKS_MAX));
      call("DescribeTasks", () -> ecs.describeTasks(CALLER, Optional.of(cluster), batch, false))
          .items()
          .forEach(
              t ->
                  out.add(
                      new HealthReports.Task(
                          t.taskArn(),
                          t.lastStatus(),
                          Optional.ofNullable(t.privateIp()),
                          t.healthStatus())));
    }
    return out;
  }

  private Map<String, ObservedService> observe(
      String cluster, Collection<String> ecsServices, Map<String, List<String>> groups) {
    Objects.requireNonNull(cluster, "cluster");
    List<String> names = new ArrayList<>(new LinkedHashSet<>(ecsServices));
    Map<String, ObservedService> out = new LinkedHashMap<>();
    for (int from = 0; from < names.size(); from += EcsQuotas.DESCRIBE_SERVICES_MAX) {
      List<String> batch =
          names.subList(from, Math.min(names.size(), from + EcsQuotas.DESCRIBE_SERVICES_MAX));
      Described<ServiceView> described =
          call(
              "DescribeServices",
              () -> ecs.describeServices(CALLER, Optional.of(cluster), batch, false));
      for (String name : batch) {
        Optional<ServiceView> found =
            described.items().stream()
                .filter(s -> name.equals(s.serviceName()) || name.equals(s.serviceArn()))
                .min(
                    (a, b) ->
                        Boolean.compare(
                            !"ACTIVE".equals(a.status()), !"ACTIVE".equals(b.status())));
        found.ifPresent(s -> taskDefinitions.remember(cluster, name, sdkService(s)));
        found.ifPresent(
            s ->
                groups.put(
                    name,
                    s.loadBalancers().stream()
                        .map(LoadBalancer::targetGroupArn)
                        .distinct()
                        .toList()));
        out.put(
            name,
            found
                .map(s -> ObservedServices.from(sdkService(s), settings.eventsKept()))
                .orElseGet(() -> ObservedService.missing(name)));
      }
    }
    return out;
  }

  @Override
  public void scale(String cluster, String ecsService, int desiredCount) {
    if (updates.isPresent()) {
      awaitScaleTurn();
      scaleInTurn(cluster, ecsService, desiredCount);
      return;
    }
    call("UpdateService", update(cluster, ecsService, desiredCount));
  }

  @Override
  public Duration awaitScaleTurn() {
    return updates.map(b -> calls.pace("UpdateService", b)).orElse(Duration.ZERO);
  }

  @Override
  public Optional<TokenBucket> scaleBucket() {
    return updates;
  }

  @Override
  public void scaleInTurn(String cluster, String ecsService, int desiredCount) {
    if (updates.isEmpty()) {
      scale(cluster, ecsService, desiredCount);
      return;
    }
    Supplier<Object> update = update(cluster, ecsService, desiredCount);
    calls.callPaced("UpdateService", updates.get(), () -> onTheWire(update));
  }

  private Supplier<Object> update(String cluster, String ecsService, int desiredCount) {
    if (desiredCount < 0) {
      throw new IllegalArgumentException(
          "desiredCount must be >= 0, was " + desiredCount + " for " + ecsService);
    }
    return () ->
        ecs.updateService(
            CALLER,
            Optional.of(cluster),
            ecsService,
            OptionalInt.of(desiredCount),
            Optional.empty(),
            false);
  }

  private <T> T call(String operation, Supplier<T> call) {
    return calls.retrying(operation, () -> onTheWire(call));
  }

  /** The simulator's answer, its error as the SDK client reports it. */
  private static <T> T onTheWire(Supplier<T> call) {
    try {
      return call.get();
    } catch (SimException e) {
      throw EcsException.builder()
          .message(e.getMessage())
          .statusCode(e.error().httpStatus())
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode(e.error().name())
                  .errorMessage(e.getMessage())
                  .serviceName("Ecs")
                  .build())
          .cause(e)
          .build();
    }
  }

  private static Service sdkService(ServiceView s) {
    return Service.builder()
        .serviceArn(s.serviceArn())
        .serviceName(s.serviceName())
        .clusterArn(s.clusterArn())
        .status(s.status())
        .desiredCount(s.desiredCount())
        .runningCount(s.runningCount())
        .pendingCount(s.pendingCount())
        .taskDefinition(s.taskDefinition())
        .launchType(s.capacityProvider().isPresent() ? null : "FARGATE")
        .capacityProviderStrategy(
            s.capacityProvider()
                .map(
                    p ->
                        List.of(
                            CapacityProviderStrategyItem.builder()
                                .capacityProvider(p)
                                .weight(1)
                                .base(0)
                                .build()))
                .orElse(List.of()))
        .createdAt(s.createdAt())
        .deployments(s.deployments().stream().map(SimEcsGateway::sdkDeployment).toList())
        .events(
            s.events().stream()
                .map(
                    e ->
                        ServiceEvent.builder()
                            .id(e.id())
                            .createdAt(e.createdAt())
                            .message(e.message())
                            .build())
                .toList())
        .build();
  }

  private static Deployment sdkDeployment(DeploymentView d) {
    return Deployment.builder()
        .id(d.id())
        .status(d.status())
        .taskDefinition(d.taskDefinition())
        .desiredCount(d.desiredCount())
        .pendingCount(d.pendingCount())
        .runningCount(d.runningCount())
        .failedTasks(d.failedTasks())
        .createdAt(d.createdAt())
        .updatedAt(d.updatedAt())
        .rolloutState(d.rolloutState() == null ? null : d.rolloutState().name())
        .rolloutStateReason(d.rolloutStateReason())
        .build();
  }

  private static TaskDefinition sdkTaskDefinition(TaskDefinitionView t) {
    return TaskDefinition.builder()
        .taskDefinitionArn(t.arn())
        .family(t.family())
        .revision(t.revision())
        .cpu(t.cpu())
        .memory(t.memory())
        .runtimePlatform(
            RuntimePlatform.builder()
                .cpuArchitecture(t.cpuArchitecture())
                .operatingSystemFamily(t.operatingSystemFamily())
                .build())
        .ephemeralStorage(
            t.ephemeralStorageGib()
                .map(g -> EphemeralStorage.builder().sizeInGiB(g).build())
                .orElse(null))
        .containerDefinitions(
            t.containers().stream()
                .map(
                    c ->
                        ContainerDefinition.builder()
                            .name(c.name())
                            .image(c.image())
                            .essential(c.essential())
                            .healthCheck(
                                c.healthCheck()
                                    .map(cmd -> HealthCheck.builder().command(cmd).build())
                                    .orElse(null))
                            .build())
                .toList())
        .build();
  }
}
