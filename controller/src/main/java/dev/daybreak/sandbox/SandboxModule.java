package dev.daybreak.sandbox;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.lease.Ownership;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.scaling.ScalingClients;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.scaling.SdkScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;

/**
 * The sandbox's seams, everything in-process: time running {@code speed} times faster than real
 * time for the simulator and the controller alike (durations measured on that clock too), the ECS
 * simulator served over real HTTP on loopback (so the controller talks to it through the real AWS
 * SDK, Application Auto Scaling included), an in-memory store, a notifier that prints Slack's
 * messages, and the controller acting alone.
 */
final class SandboxModule extends AbstractModule {

  private final Clock clock;
  private final double speed;
  private final EcsSimulator simulator;
  private final Notifier notifier;

  /**
   * @param clock the sandbox's clock, running {@code speed} times faster than real time
   * @param simulator daybreak's simulator, served by the module on a free loopback port
   * @param notifier where Slack's messages are printed; closed with the application
   */
  SandboxModule(Clock clock, double speed, EcsSimulator simulator, Notifier notifier) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.speed = speed;
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
    bind(Monotonic.class).toInstance(Monotonic.elapsedOn(clock));
    bind(MeterRegistry.class).toInstance(new SimpleMeterRegistry());
    bind(Ownership.class).toInstance(Ownership.sole());
    bind(StateStore.class).to(InMemoryStateStore.class);
  }

  @Provides
  @Singleton
  Scheduler scheduler(Lifecycle lifecycle) {
    return new ScaledScheduler(
        lifecycle.own("scheduler", new ExecutorScheduler("daybreak-sandbox")), speed);
  }

  @Provides
  @Singleton
  InMemoryStateStore store() {
    return new InMemoryStateStore(clock);
  }

  @Provides
  @Singleton
  EcsSimServer server(Lifecycle lifecycle) {
    try {
      return lifecycle.own("ECS simulator", EcsSimServer.start(simulator, 0));
    } catch (IOException e) {
      throw new UncheckedIOException("could not serve the ECS simulator on loopback", e);
    }
  }

  @Provides
  @Singleton
  EcsGateway ecs(EcsSimServer server, MeterRegistry meters, Lifecycle lifecycle) {
    EcsEndpoint endpoint = EcsEndpoint.simulator(server.endpoint());
    return lifecycle.own(
        "ECS",
        new SdkEcsGateway(
            EcsClients.create(endpoint, EcsClients.APP_ID),
            ElbClients.create(endpoint, EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            ScaledScheduler.sleeper(speed),
            meters));
  }

  @Provides
  @Singleton
  ScalingGateway scaling(EcsSimServer server, Lifecycle lifecycle) {
    return lifecycle.own(
        "Application Auto Scaling",
        new SdkScalingGateway(
            ScalingClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            ScaledScheduler.sleeper(speed)));
  }

  @Provides
  @Singleton
  Notifier notifier(Lifecycle lifecycle) {
    return lifecycle.own("notifier", notifier);
  }
}
