package dev.daybreak.production;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.aws.AssumedRoles;
import dev.daybreak.aws.AwsClients;
import dev.daybreak.aws.TargetAccess;
import dev.daybreak.dryrun.DryRunBackends;
import dev.daybreak.dryrun.DryRunNotifier;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.RoutedEcsGateway;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.metrics.RuntimeMetrics;
import dev.daybreak.runtime.Backends;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.scaling.RoutedScalingGateway;
import dev.daybreak.scaling.ScalingClients;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.scaling.SdkScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.slack.Notifiers;
import dev.daybreak.slack.SecretSource;
import dev.daybreak.slack.SlackNotifier;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The seams of the production modes ({@code daybreak run}, {@code reconcile --once}, the Lambda
 * function), bound explicitly: the system clock and the JVM's monotonic time, a scheduler thread,
 * the given state store, ECS and Application Auto Scaling through the AWS SDK (routed to other
 * accounts and regions by assumed roles), Slack or the log, and the given meters. Every resource is
 * owned by the injector's {@link Lifecycle} as it is created, so it closes after whatever was built
 * on it. With {@link Config#dryRun} the store, ECS, Application Auto Scaling and the notifier bound
 * are a dry run's ({@link DryRunBackends}) over the real ones.
 */
public final class ProductionModule extends AbstractModule {

  /** One AssumeRole call, with the SDK's retries. */
  private static final Duration STS_CALL_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The real seam: the store, notifier and gateways under a dry run's (which the unqualified key is
   * bound to), and the time the AWS and Slack clients keep, the time of the servers they talk to,
   * even where a test overrides the controller's (unqualified) clock and scheduler.
   */
  @Qualifier
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Real {}

  /**
   * What the production seams are made of.
   *
   * @param store the state store, already opened
   * @param storeResources what to close with it (the DynamoDB client)
   * @param ecs AWS, or an ECS-compatible endpoint such as {@code daybreak ecs-sim}
   * @param scaling AWS, or an Application Auto Scaling-compatible endpoint (ecs-sim serves it on
   *     its ECS port)
   * @param slack Slack settings; the bot token comes from {@code secrets}
   * @param meters where ECS calls, Slack deliveries and the controller's meters are counted
   * @param dryRun where a dry run announces its would-be calls; empty for the real thing
   */
  public record Config(
      StateStore store,
      AutoCloseable storeResources,
      EcsEndpoint ecs,
      EcsEndpoint scaling,
      SlackSettings slack,
      SecretSource secrets,
      MeterRegistry meters,
      Optional<Consumer<String>> dryRun,
      GatewaySettings gateway) {

    public Config {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(storeResources, "storeResources");
      Objects.requireNonNull(ecs, "ecs");
      Objects.requireNonNull(scaling, "scaling");
      Objects.requireNonNull(slack, "slack");
      Objects.requireNonNull(secrets, "secrets");
      Objects.requireNonNull(meters, "meters");
      Objects.requireNonNull(dryRun, "dryRun");
      Objects.requireNonNull(gateway, "gateway");
    }

    /** The real thing, Application Auto Scaling reached where ECS is. */
    public static Config of(
        StateStore store,
        AutoCloseable storeResources,
        EcsEndpoint ecs,
        SlackSettings slack,
        SecretSource secrets,
        MeterRegistry meters) {
      return new Config(
          store,
          storeResources,
          ecs,
          ecs,
          slack,
          secrets,
          meters,
          Optional.empty(),
          GatewaySettings.defaults());
    }

    /** These settings for a dry run announcing on {@code announcer}. */
    public Config dryRunOn(Consumer<String> announcer) {
      return new Config(
          store,
          storeResources,
          ecs,
          scaling,
          slack,
          secrets,
          meters,
          Optional.of(announcer),
          gateway);
    }
  }

  private final Config config;

  public ProductionModule(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(Clock.class).annotatedWith(Real.class).toInstance(Clock.systemUTC());
    bind(Clock.class).to(Key.get(Clock.class, Real.class));
    bind(Scheduler.class).to(Key.get(Scheduler.class, Real.class));
    bind(Monotonic.class).toInstance(Monotonic.system());
    bind(MeterRegistry.class).toInstance(config.meters());
  }

  @Provides
  @Singleton
  @Real
  Scheduler scheduler(Lifecycle lifecycle) {
    return lifecycle.own("scheduler", new ExecutorScheduler("daybreak-scheduler"));
  }

  @Provides
  @Singleton
  @Real
  StateStore realStore(Lifecycle lifecycle) {
    lifecycle.own("state store", config.storeResources());
    return config.store();
  }

  /** Where other accounts' and regions' ECS and Auto Scaling are reached (closed with ECS). */
  @Provides
  @Singleton
  TargetAccess targetAccess() {
    EcsEndpoint endpoint = config.ecs();
    String homeRegion =
        endpoint
            .region()
            .or(
                () ->
                    endpoint.credentials() == EcsEndpoint.Credentials.DUMMY
                        ? Optional.of(AwsClients.LOCAL_REGION.id())
                        : AwsClients.configuredRegion().map(r -> r.id()))
            .orElse(AwsClients.LOCAL_REGION.id());
    return new TargetAccess(homeRegion, new AssumedRoles(region -> stsClient(endpoint, region)));
  }

  @Provides
  @Singleton
  RoutedEcsGateway routedEcs(
      TargetAccess access, @Real Clock clock, MeterRegistry meters, Lifecycle lifecycle) {
    GatewaySettings gateway = config.gateway();
    return lifecycle.own(
        "ECS",
        new RoutedEcsGateway(
            new SdkEcsGateway(
                EcsClients.create(config.ecs(), EcsClients.APP_ID),
                ElbClients.create(config.ecs(), EcsClients.APP_ID),
                gateway,
                clock,
                Sleeper.system(),
                meters),
            config.ecs(),
            access,
            gateway,
            clock,
            Sleeper.system(),
            meters));
  }

  /**
   * Application Auto Scaling through the same routes. Built after ECS ({@code ecsOwnsAccess}),
   * whose close closes the routes' assumed roles, so that it closes before them.
   */
  @Provides
  @Singleton
  RoutedScalingGateway routedScaling(
      TargetAccess access, RoutedEcsGateway ecsOwnsAccess, Lifecycle lifecycle) {
    return lifecycle.own(
        "Application Auto Scaling",
        new RoutedScalingGateway(
            new SdkScalingGateway(
                ScalingClients.create(config.scaling(), EcsClients.APP_ID), Sleeper.system()),
            config.scaling(),
            access,
            Sleeper.system()));
  }

  @Provides
  @Singleton
  @Real
  Notifier realNotifier(
      @Real StateStore store,
      @Real Clock clock,
      @Real Scheduler scheduler,
      MeterRegistry meters,
      Lifecycle lifecycle) {
    Notifier notifier =
        lifecycle.own(
            "notifier",
            Notifiers.create(config.slack(), config.secrets(), store, clock, scheduler));
    if (notifier instanceof SlackNotifier slack) {
      RuntimeMetrics.slack(meters, slack::stats);
    }
    return notifier;
  }

  /** A dry run over the real seams, when configured; its own Slack notifier closes with it. */
  @Provides
  @Singleton
  Optional<DryRunBackends> dryRun(
      Clock clock,
      Monotonic monotonic,
      Scheduler scheduler,
      @Real StateStore store,
      RoutedEcsGateway ecs,
      RoutedScalingGateway scaling,
      @Real Notifier notifier,
      MeterRegistry meters,
      Lifecycle lifecycle) {
    return config
        .dryRun()
        .map(
            announcer ->
                lifecycle.own(
                    "dry run",
                    new DryRunBackends(
                        Backends.of(
                            clock, monotonic, scheduler, store, ecs, scaling, notifier, meters),
                        announcer,
                        dryRunStore ->
                            Notifiers.marked(
                                DryRunNotifier.MARKER,
                                config.slack(),
                                config.secrets(),
                                dryRunStore,
                                clock,
                                scheduler))));
  }

  @Provides
  @Singleton
  StateStore store(@Real StateStore real, Optional<DryRunBackends> dryRun) {
    return dryRun.map(DryRunBackends::store).orElse(real);
  }

  @Provides
  @Singleton
  EcsGateway ecs(RoutedEcsGateway real, Optional<DryRunBackends> dryRun) {
    return dryRun.map(DryRunBackends::ecs).orElse(real);
  }

  @Provides
  @Singleton
  ScalingGateway scaling(RoutedScalingGateway real, Optional<DryRunBackends> dryRun) {
    return dryRun.map(DryRunBackends::scaling).orElse(real);
  }

  @Provides
  @Singleton
  Notifier notifier(@Real Notifier real, Optional<DryRunBackends> dryRun) {
    return dryRun.map(DryRunBackends::notifier).orElse(real);
  }

  /**
   * The STS client that assumes targets' roles in {@code region}, signed with the controller's own
   * credentials: a simulator's dummy keys, else the SDK's default chain; at the simulator's
   * endpoint, else the region's (or {@code AWS_ENDPOINT_URL_STS}).
   */
  private static StsClient stsClient(EcsEndpoint endpoint, String region) {
    AwsCredentialsProvider credentials =
        endpoint.credentials() == EcsEndpoint.Credentials.DUMMY
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create("daybreak-simulator", "daybreak-simulator"))
            : DefaultCredentialsProvider.builder().build();
    return AwsClients.build(
        StsClient.builder(), Region.of(region), credentials, endpoint.url(), STS_CALL_TIMEOUT);
  }
}
