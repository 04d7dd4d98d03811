package dev.daybreak.ecs;

import dev.daybreak.model.Health;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The {@link EcsGateway} on the AWS SDK v2 {@link EcsClient}, for one process shared by all its
 * environments:
 *
 * <ul>
 *   <li>observations of one cluster, from any number of threads, are folded into shared
 *       DescribeServices calls of at most ten services ({@link DescribeBatcher});
 *   <li>every call first takes a token from a client-side bucket shaped like ECS's own (service
 *       reads; UpdateService), so daybreak stays inside its quota instead of discovering it;
 *   <li>a ThrottlingException that happens anyway is backed off and retried until it passes, never
 *       reported; server and network errors are retried a few times, then reported as {@link
 *       EcsException} with ECS's error code ({@link EcsCalls}).
 * </ul>
 *
 * Owns its client and threads: {@link #close()} it.
 */
public final class SdkEcsGateway implements EcsGateway, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SdkEcsGateway.class);

  private static final String DESCRIBE_SERVICES = "DescribeServices";

  private final EcsClient ecs;
  private final GatewaySettings settings;
  private final TokenBucket reads;
  private final TokenBucket updates;
  private final EcsCalls calls;
  private final ScheduledThreadPoolExecutor executor;
  private final DescribeBatcher batcher;
  private final ElasticLoadBalancingV2Client elb;
  private final HealthReader health;
  private final TokenBucket taskDefinitionReads;
  private final TaskDefinitions taskDefinitions;

  /** Each service's target groups as its last DescribeServices reported them, by cluster/name. */
  private final Map<String, List<String>> targetGroups = new ConcurrentHashMap<>();

  /**
   * A gateway over {@code ecs} and {@code elb} (target health), which it takes ownership of.
   *
   * @param clock the time the client-side buckets refill on
   * @param sleeper how the gateway waits for tokens and backoffs
   */
  public SdkEcsGateway(
      EcsClient ecs,
      ElasticLoadBalancingV2Client elb,
      GatewaySettings settings,
      Clock clock,
      Sleeper sleeper) {
    this(ecs, elb, settings, clock, sleeper, new CompositeMeterRegistry());
  }

  /**
   * A gateway over {@code ecs} that counts its calls, by operation and outcome, and the throttles
   * it avoided (waits for a client-side token) and suffered (ThrottlingExceptions) in {@code
   * meters}.
   */
  public SdkEcsGateway(
      EcsClient ecs,
      ElasticLoadBalancingV2Client elb,
      GatewaySettings settings,
      Clock clock,
      Sleeper sleeper,
      MeterRegistry meters) {
    this(
        ecs,
        elb,
        settings,
        new TokenBucket(settings.reads(), clock),
        new TokenBucket(settings.updates(), clock),
        clock,
        sleeper,
        meters);
  }

  /**
   * A gateway whose client-side buckets are {@code reads} and {@code updates}, shared with the
   * other gateways of the same account and region ({@link RoutedEcsGateway}): ECS's quotas are per
   * account and region, whatever the role or client.
   */
  SdkEcsGateway(
      EcsClient ecs,
      ElasticLoadBalancingV2Client elb,
      GatewaySettings settings,
      TokenBucket reads,
      TokenBucket updates,
      Clock clock,
      Sleeper sleeper,
      MeterRegistry meters) {
    this.ecs = Objects.requireNonNull(ecs, "ecs");
    this.elb = Objects.requireNonNull(elb, "elb");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reads = Objects.requireNonNull(reads, "reads");
    this.updates = Objects.requireNonNull(updates, "updates");
    this.calls = new EcsCalls(settings, sleeper, meters, ThreadLocalRandom.current());
    this.health = new HealthReader(ecs, elb, calls, clock);
    this.taskDefinitionReads = new TokenBucket(EcsQuotas.TASK_DEFINITION_READS, clock);
    this.taskDefinitions =
        new TaskDefinitions(
            arn ->
                calls
                    .call(
                        "DescribeTaskDefinition",
                        taskDefinitionReads,
                        () -> ecs.describeTaskDefinition(b -> b.taskDefinition(arn)))
                    .taskDefinition());
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ScheduledThreadPoolExecutor(
            settings.describeThreads(),
            r -> {
              Thread t = new Thread(r, "ecs-describe-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.batcher =
        new DescribeBatcher(
            () -> calls.pace(DESCRIBE_SERVICES, reads),
            this::describe,
            settings.coalesceWindow(),
            settings.describeThreads(),
            executor);
  }

  /** A gateway to {@code endpoint} with {@code settings} on the real clock. */
  public static SdkEcsGateway create(EcsEndpoint endpoint, GatewaySettings settings) {
    return new SdkEcsGateway(
        EcsClients.create(endpoint, EcsClients.APP_ID),
        ElbClients.create(endpoint, EcsClients.APP_ID),
        settings,
        Clock.systemUTC(),
        Sleeper.system());
  }

  /**
   * Scales the client-side buckets to this replica's share of the shards ({@link
   * GatewaySettings#forShare}); call it whenever the number of shards held changes. Calls already
   * waiting for a token keep their turn.
   *
   * @param held how many shards this replica holds now
   * @param total how many shards there are
   */
  public synchronized void shareQuota(int held, int total) {
    GatewaySettings share = settings.forShare(held, total);
    if (share.reads().equals(reads.limit()) && share.updates().equals(updates.limit())) {
      return;
    }
    reads.resize(share.reads());
    updates.resize(share.updates());
    LOG.info(
        "ECS client-side quota set for {}/{} shard(s): DescribeServices {}/s (burst {}),"
            + " UpdateService {}/s (burst {})",
        held,
        total,
        share.reads().perSecond(),
        share.reads().burst(),
        share.updates().perSecond(),
        share.updates().burst());
  }

  @Override
  public Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices) {
    Objects.requireNonNull(cluster, "cluster");
    if (ecsServices.isEmpty()) {
      return Map.of();
    }
    return batcher.observe(cluster, new LinkedHashSet<>(ecsServices));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Health is read for the services of {@code withHealth} that ECS reports ACTIVE with a task
   * running: behind load balancers from their target groups' DescribeTargetHealth (each group once
   * per call), otherwise from their tasks' container healthStatus (ListTasks and DescribeTasks).
   */
  @Override
  public Map<String, ObservedService> observe(
      String cluster, Collection<String> ecsServices, Set<String> withHealth) {
    Map<String, ObservedService> observed = observe(cluster, ecsServices);
    Map<String, ObservedService> out = new LinkedHashMap<>(observed);
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    for (String name : withHealth) {
      ObservedService o = observed.get(name);
      if (o == null || o.status() != ServiceStatus.ACTIVE) {
        continue;
      }
      List<String> groups = targetGroups.getOrDefault(cluster + "/" + name, List.of());
      Optional<String> unchecked =
          groups.isEmpty() ? taskDefinitions.withoutHealthCheck(cluster, name) : Optional.empty();
      if (unchecked.isPresent()) {
        out.put(name, o.withHealth(new Health.NoHealthCheck(unchecked.get())));
      } else if (o.runningCount() > 0) {
        wanted.put(name, groups);
      }
    }
    if (wanted.isEmpty()) {
      return out;
    }
    health
        .read(cluster, wanted)
        .forEach((name, h) -> out.put(name, observed.get(name).withHealth(h)));
    return out;
  }

  @Override
  public Map<String, TaskSize> taskSizes(String cluster, Collection<String> ecsServices) {
    return taskDefinitions.sizes(cluster, ecsServices);
  }

  @Override
  public void scale(String cluster, String ecsService, int desiredCount) {
    if (desiredCount < 0) {
      throw new IllegalArgumentException(
          "desiredCount must be >= 0, was " + desiredCount + " for " + ecsService);
    }
    calls.call(
        "UpdateService",
        updates,
        () ->
            ecs.updateService(
                b -> b.cluster(cluster).service(ecsService).desiredCount(desiredCount)));
  }

  @Override
  public Duration awaitScaleTurn() {
    return calls.pace("UpdateService", updates);
  }

  @Override
  public Optional<TokenBucket> scaleBucket() {
    return Optional.of(updates);
  }

  @Override
  public void scaleInTurn(String cluster, String ecsService, int desiredCount) {
    if (desiredCount < 0) {
      throw new IllegalArgumentException(
          "desiredCount must be >= 0, was " + desiredCount + " for " + ecsService);
    }
    calls.callPaced(
        "UpdateService",
        updates,
        () ->
            ecs.updateService(
                b -> b.cluster(cluster).service(ecsService).desiredCount(desiredCount)));
  }

  @Override
  public void close() {
    executor.shutdownNow();
    ecs.close();
    elb.close();
  }

  private Map<String, DescribeBatcher.Result> describe(String cluster, List<String> services) {
    DescribeServicesResponse response =
        calls.callPaced(
            DESCRIBE_SERVICES,
            reads,
            () -> ecs.describeServices(b -> b.cluster(cluster).services(services)));
    Map<String, DescribeBatcher.Result> out = new HashMap<>();
    for (String name : services) {
      Optional<Service> found =
          response.services().stream()
              .filter(s -> name.equals(s.serviceName()) || name.equals(s.serviceArn()))
              .min(Comparator.comparing(s -> !"ACTIVE".equals(s.status())));
      if (found.isPresent()) {
        taskDefinitions.remember(cluster, name, found.get());
        targetGroups.put(
            cluster + "/" + name,
            found.get().loadBalancers().stream()
                .map(LoadBalancer::targetGroupArn)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        out.put(name, observed(found.get()));
        continue;
      }
      response.failures().stream()
          .filter(f -> f.arn() != null && (f.arn().equals(name) || f.arn().endsWith("/" + name)))
          .findFirst()
          .ifPresent(f -> out.put(name, failed(cluster, name, f)));
    }
    return out;
  }

  private DescribeBatcher.Result observed(Service service) {
    try {
      return new DescribeBatcher.Result.Observed(
          ObservedServices.from(service, settings.eventsKept()));
    } catch (EcsException e) {
      return new DescribeBatcher.Result.Failed(e);
    }
  }

  private static DescribeBatcher.Result failed(String cluster, String name, Failure failure) {
    if ("MISSING".equals(failure.reason())) {
      return new DescribeBatcher.Result.Observed(ObservedService.missing(name));
    }
    return new DescribeBatcher.Result.Failed(
        new EcsException(
            Objects.requireNonNullElse(failure.reason(), "Failure"),
            "DescribeServices of "
                + cluster
                + " could not describe "
                + name
                + ": "
                + failure.reason()
                + Optional.ofNullable(failure.detail()).map(d -> " (" + d + ")").orElse(""),
            null));
  }
}
