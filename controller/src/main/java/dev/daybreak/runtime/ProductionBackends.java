package dev.daybreak.runtime;

import dev.daybreak.aws.AssumedRoles;
import dev.daybreak.aws.AwsClients;
import dev.daybreak.aws.TargetAccess;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.RoutedEcsGateway;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.metrics.RuntimeMetrics;
import dev.daybreak.scaling.RoutedScalingGateway;
import dev.daybreak.scaling.ScalingClients;
import dev.daybreak.scaling.SdkScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.slack.Notifiers;
import dev.daybreak.slack.SecretSource;
import dev.daybreak.slack.SlackNotifier;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Scheduler;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** The real thing: the AWS SDK's ECS client, a state store, Slack (or the log), the real clock. */
public final class ProductionBackends implements Backends {

  private static final Logger LOG = LoggerFactory.getLogger(ProductionBackends.class);

  private final Clock clock = Clock.systemUTC();
  private final ExecutorScheduler scheduler = new ExecutorScheduler("daybreak-scheduler");
  private final StateStore store;
  private final AutoCloseable storeResources;

  /** One AssumeRole call, with the SDK's retries. */
  private static final Duration STS_CALL_TIMEOUT = Duration.ofSeconds(30);

  private final RoutedEcsGateway ecs;
  private final RoutedScalingGateway scaling;
  private final Notifier notifier;
  private final MeterRegistry meters;

  /** Backends whose Application Auto Scaling is reached where ECS is ({@code ecsEndpoint}). */
  public ProductionBackends(
      StateStore store,
      AutoCloseable storeResources,
      EcsEndpoint ecsEndpoint,
      SlackSettings slack,
      SecretSource secrets,
      MeterRegistry meters) {
    this(store, storeResources, ecsEndpoint, ecsEndpoint, slack, secrets, meters);
  }

  /**
   * @param store the state store, already opened
   * @param storeResources what to close with it (the DynamoDB client)
   * @param ecsEndpoint AWS, or an ECS-compatible endpoint such as {@code daybreak ecs-sim}
   * @param scalingEndpoint AWS, or an Application Auto Scaling-compatible endpoint (ecs-sim serves
   *     it on its ECS port)
   * @param slack Slack settings; the token comes from {@code secrets}
   * @param meters where ECS calls, Slack deliveries and the controller's meters are counted
   */
  public ProductionBackends(
      StateStore store,
      AutoCloseable storeResources,
      EcsEndpoint ecsEndpoint,
      EcsEndpoint scalingEndpoint,
      SlackSettings slack,
      SecretSource secrets,
      MeterRegistry meters) {
    this.meters = meters;
    this.store = store;
    this.storeResources = storeResources;
    String homeRegion =
        ecsEndpoint
            .region()
            .or(
                () ->
                    ecsEndpoint.credentials() == EcsEndpoint.Credentials.DUMMY
                        ? Optional.of(AwsClients.LOCAL_REGION.id())
                        : AwsClients.configuredRegion().map(r -> r.id()))
            .orElse(AwsClients.LOCAL_REGION.id());
    TargetAccess access =
        new TargetAccess(homeRegion, new AssumedRoles(region -> stsClient(ecsEndpoint, region)));
    GatewaySettings gateway = GatewaySettings.defaults();
    this.ecs =
        new RoutedEcsGateway(
            new SdkEcsGateway(
                EcsClients.create(ecsEndpoint, EcsClients.APP_ID),
                ElbClients.create(ecsEndpoint, EcsClients.APP_ID),
                gateway,
                clock,
                Sleeper.system(),
                meters),
            ecsEndpoint,
            access,
            gateway,
            clock,
            Sleeper.system(),
            meters);
    this.scaling =
        new RoutedScalingGateway(
            new SdkScalingGateway(
                ScalingClients.create(scalingEndpoint, EcsClients.APP_ID), Sleeper.system()),
            scalingEndpoint,
            access,
            Sleeper.system());
    this.notifier = Notifiers.create(slack, secrets, store, clock, scheduler);
    if (notifier instanceof SlackNotifier slackNotifier) {
      RuntimeMetrics.slack(meters, slackNotifier::stats);
    }
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

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public StateStore store() {
    return store;
  }

  @Override
  public RoutedEcsGateway ecs() {
    return ecs;
  }

  @Override
  public RoutedScalingGateway scaling() {
    return scaling;
  }

  @Override
  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public Notifier notifier() {
    return notifier;
  }

  @Override
  public void close() {
    notifier.close();
    ecs.close();
    scaling.close();
    try {
      storeResources.close();
    } catch (Exception e) {
      LOG.warn("closing the store failed: {}", e.toString());
    }
    scheduler.close();
  }
}
