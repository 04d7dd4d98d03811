package dev.daybreak.sandbox;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.runtime.Backends;
import dev.daybreak.scaling.ScalingClients;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.scaling.SdkScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Everything in-process: the ECS simulator served over real HTTP on loopback (so the controller
 * talks to it through the real AWS SDK), an in-memory store, and a notifier that prints Slack's
 * messages; Application Auto Scaling is served by the same simulator. Time runs {@code speed} times
 * faster than real time, for the simulator and the controller alike.
 */
final class SandboxBackends implements Backends {

  private final Clock clock;
  private final ExecutorScheduler realScheduler = new ExecutorScheduler("daybreak-sandbox");
  private final Scheduler scheduler;
  private final InMemoryStateStore store;
  private final EcsSimServer server;
  private final SdkEcsGateway ecs;
  private final SdkScalingGateway scaling;
  private final Notifier notifier;
  private final MeterRegistry meters = new SimpleMeterRegistry();

  SandboxBackends(Clock clock, double speed, EcsSimulator simulator, Notifier notifier)
      throws IOException {
    this.clock = clock;
    this.scheduler = new ScaledScheduler(realScheduler, speed);
    this.store = new InMemoryStateStore(clock);
    this.server = EcsSimServer.start(simulator, 0);
    this.ecs =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            ElbClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            ScaledScheduler.sleeper(speed),
            meters);
    this.scaling =
        new SdkScalingGateway(
            ScalingClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            ScaledScheduler.sleeper(speed));
    this.notifier = notifier;
  }

  /** Where the simulator listens, for any AWS client. */
  EcsSimServer server() {
    return server;
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

  /**
   * Sets the environment's desired state the way the CLI does (via {@code cli}, as "sandbox"), over
   * whatever version the item has now.
   */
  void setDesired(String environment, State state, Set<String> services, String reason) {
    long version =
        store.desired(environment) instanceof DesiredRead.Valid v ? v.stored().version() : 0;
    store.writeDesired(
        environment,
        new DesiredState(state, Optional.empty(), services, "sandbox", reason, clock.instant()),
        version,
        Via.CLI);
  }

  @Override
  public EcsGateway ecs() {
    return ecs;
  }

  /** Application Auto Scaling, served by the same simulator. */
  @Override
  public ScalingGateway scaling() {
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
    server.close();
    realScheduler.close();
  }
}
