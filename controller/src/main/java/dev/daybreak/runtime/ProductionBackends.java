package dev.daybreak.runtime;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.metrics.RuntimeMetrics;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real thing: the AWS SDK's ECS client, a state store, Slack (or the log), the real clock. */
public final class ProductionBackends implements Backends {

  private static final Logger LOG = LoggerFactory.getLogger(ProductionBackends.class);

  private final Clock clock = Clock.systemUTC();
  private final ExecutorScheduler scheduler = new ExecutorScheduler("daybreak-scheduler");
  private final StateStore store;
  private final AutoCloseable storeResources;
  private final SdkEcsGateway ecs;
  private final SdkScalingGateway scaling;
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
    this.ecs =
        new SdkEcsGateway(
            EcsClients.create(ecsEndpoint, EcsClients.APP_ID),
            ElbClients.create(ecsEndpoint, EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            Sleeper.system(),
            meters);
    this.scaling =
        new SdkScalingGateway(
            ScalingClients.create(scalingEndpoint, EcsClients.APP_ID), Sleeper.system());
    this.notifier = Notifiers.create(slack, secrets, store, clock, scheduler);
    if (notifier instanceof SlackNotifier slackNotifier) {
      RuntimeMetrics.slack(meters, slackNotifier::stats);
    }
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
  public SdkEcsGateway ecs() {
    return ecs;
  }

  @Override
  public SdkScalingGateway scaling() {
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
