package dev.daybreak.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * The seams of a test's application ({@link Application#create}): the ECS simulator over HTTP
 * through the real {@link SdkEcsGateway} (calls tagged with {@code appId}, which the simulator's
 * call log records as the caller), a given store, no Application Auto Scaling, no Slack (override
 * {@link Notifier} for one); requeues and the gateway's waits on a clock running {@code speed}
 * times faster than the real one, durations measured on that clock. Shared through the controller's
 * test-jar; the given store and server stay the test's to close.
 */
public final class SimulatorModule extends AbstractModule {

  private final EcsSimServer server;
  private final String appId;
  private final double speed;
  private final Clock clock;
  private final StateStore store;
  private final MeterRegistry meters;

  public SimulatorModule(
      EcsSimServer server,
      String appId,
      double speed,
      Clock clock,
      StateStore store,
      MeterRegistry meters) {
    this.server = Objects.requireNonNull(server, "server");
    this.appId = Objects.requireNonNull(appId, "appId");
    this.speed = speed;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /** On the real clock's pace, with the default app id and meters of its own. */
  public static SimulatorModule realTime(EcsSimServer server, Clock clock, StateStore store) {
    return new SimulatorModule(
        server, EcsClients.APP_ID, 1, clock, store, new SimpleMeterRegistry());
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
    bind(Monotonic.class).toInstance(Monotonic.elapsedOn(clock));
    bind(StateStore.class).toInstance(store);
    bind(ScalingGateway.class).toInstance(ScalingGateway.none());
    bind(MeterRegistry.class).toInstance(meters);
  }

  @Provides
  @Singleton
  Scheduler scheduler(Lifecycle lifecycle) {
    return new ScaledScheduler(
        lifecycle.own("scheduler", new ExecutorScheduler("simulator-module")), speed);
  }

  @Provides
  @Singleton
  EcsGateway ecs(Lifecycle lifecycle) {
    EcsEndpoint endpoint = EcsEndpoint.simulator(server.endpoint());
    return lifecycle.own(
        "ECS",
        new SdkEcsGateway(
            EcsClients.create(endpoint, appId),
            ElbClients.create(endpoint, appId),
            GatewaySettings.defaults(),
            clock,
            ScaledScheduler.sleeper(speed),
            meters));
  }

  @Provides
  @Singleton
  Notifier notifier() {
    return announcement -> {};
  }
}
