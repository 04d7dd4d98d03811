package dev.daybreak.ecs;

import dev.daybreak.aws.AwsTarget;
import dev.daybreak.aws.TargetAccess;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link EcsGateway} of a controller that reaches several accounts and regions: the
 * controller's own account and region through {@code home}, every other {@link AwsTarget} through
 * an {@link SdkEcsGateway} of its own, built once per (role, region) with that role's credentials
 * and reused. The client-side throttling buckets are per (account, region), as ECS's quotas are: a
 * burst in one account never waits for another's tokens. Owns every gateway: {@link #close()} it.
 */
public final class RoutedEcsGateway implements EcsGateway, AutoCloseable {

  private record Buckets(TokenBucket reads, TokenBucket updates) {}

  private final SdkEcsGateway home;
  private final EcsEndpoint endpoint;
  private final TargetAccess access;
  private final GatewaySettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final MeterRegistry meters;
  private final Map<String, SdkEcsGateway> gateways = new ConcurrentHashMap<>();
  private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();

  /**
   * @param home the gateway of the controller's own account and region
   * @param endpoint where ECS and Elastic Load Balancing are (AWS, or a simulator)
   * @param access the routes and assumed roles of other targets
   */
  public RoutedEcsGateway(
      SdkEcsGateway home,
      EcsEndpoint endpoint,
      TargetAccess access,
      GatewaySettings settings,
      Clock clock,
      Sleeper sleeper,
      MeterRegistry meters) {
    this.home = Objects.requireNonNull(home, "home");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.access = Objects.requireNonNull(access, "access");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices) {
    return home.observe(cluster, ecsServices);
  }

  @Override
  public Map<String, ObservedService> observe(
      String cluster, Collection<String> ecsServices, Set<String> withHealth) {
    return home.observe(cluster, ecsServices, withHealth);
  }

  @Override
  public Map<String, TaskSize> taskSizes(String cluster, Collection<String> ecsServices) {
    return home.taskSizes(cluster, ecsServices);
  }

  @Override
  public void scale(String cluster, String ecsService, int desiredCount) {
    home.scale(cluster, ecsService, desiredCount);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The target's gateway, built on first use; its role is assumed (or its cached session
   * checked) on every call, so a role whose trust is broken fails here, for its environments only.
   */
  @Override
  public EcsGateway at(AwsTarget target, String environment) {
    return access
        .route(target, environment)
        .<EcsGateway>map(
            route ->
                gateways.computeIfAbsent(
                    route.clientKey(),
                    k -> {
                      Buckets shared =
                          buckets.computeIfAbsent(
                              route.quotaKey(),
                              q ->
                                  new Buckets(
                                      new TokenBucket(settings.reads(), clock),
                                      new TokenBucket(settings.updates(), clock)));
                      return new SdkEcsGateway(
                          EcsClients.create(
                              endpoint,
                              java.util.Optional.of(route.region()),
                              route.credentials(),
                              EcsClients.APP_ID),
                          ElbClients.create(
                              endpoint,
                              java.util.Optional.of(route.region()),
                              route.credentials(),
                              EcsClients.APP_ID),
                          settings,
                          shared.reads(),
                          shared.updates(),
                          clock,
                          sleeper,
                          meters);
                    }))
        .orElse(home);
  }

  /**
   * Scales every bucket to this replica's share of the shards ({@link SdkEcsGateway#shareQuota}).
   */
  public void shareQuota(int held, int total) {
    home.shareQuota(held, total);
    GatewaySettings share = settings.forShare(held, total);
    buckets
        .values()
        .forEach(
            b -> {
              b.reads().resize(share.reads());
              b.updates().resize(share.updates());
            });
  }

  @Override
  public void close() {
    gateways.values().forEach(SdkEcsGateway::close);
    home.close();
    access.close();
  }
}
