package dev.daybreak.scaling;

import dev.daybreak.aws.AwsTarget;
import dev.daybreak.aws.TargetAccess;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.time.Sleeper;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ScalingGateway} of a controller that reaches several accounts and regions: {@code
 * home} for its own, an {@link SdkScalingGateway} per (role, region) for every other target, built
 * once with the role's credentials ({@link TargetAccess}) and reused. Owns them: {@link #close()}
 * it.
 */
public final class RoutedScalingGateway implements ScalingGateway, AutoCloseable {

  private final SdkScalingGateway home;
  private final EcsEndpoint endpoint;
  private final TargetAccess access;
  private final Sleeper sleeper;
  private final Map<String, SdkScalingGateway> gateways = new ConcurrentHashMap<>();

  /**
   * @param home the gateway of the controller's own account and region
   * @param endpoint where Application Auto Scaling is (AWS, or a simulator)
   * @param access the routes and assumed roles of other targets (closed by its owner)
   */
  public RoutedScalingGateway(
      SdkScalingGateway home, EcsEndpoint endpoint, TargetAccess access, Sleeper sleeper) {
    this.home = Objects.requireNonNull(home, "home");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.access = Objects.requireNonNull(access, "access");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  @Override
  public Map<String, ScalingBounds> targets(String cluster, Collection<String> ecsServices) {
    return home.targets(cluster, ecsServices);
  }

  @Override
  public void set(String cluster, String ecsService, ScalingBounds bounds) {
    home.set(cluster, ecsService, bounds);
  }

  @Override
  public ScalingGateway at(AwsTarget target, String environment) {
    return access
        .route(target, environment)
        .<ScalingGateway>map(
            route ->
                gateways.computeIfAbsent(
                    route.clientKey(),
                    k ->
                        new SdkScalingGateway(
                            ScalingClients.create(
                                endpoint,
                                Optional.of(route.region()),
                                route.credentials(),
                                EcsClients.APP_ID),
                            sleeper)))
        .orElse(home);
  }

  @Override
  public void close() {
    gateways.values().forEach(SdkScalingGateway::close);
    home.close();
  }
}
