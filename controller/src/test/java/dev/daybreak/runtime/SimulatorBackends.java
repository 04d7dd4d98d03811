package dev.daybreak.runtime;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/**
 * A controller's seams for tests and benchmarks: the ECS simulator over HTTP through the real
 * {@link SdkEcsGateway} (calls tagged with {@code appId}, which the simulator's call log records as
 * the caller), a given store, no Slack; requeues and the gateway's waits on a clock running {@code
 * speed} times faster than the real one, durations measured on it. For code that takes the seams
 * together ({@link ControllerModule#over}); an application's test uses {@link SimulatorModule}.
 * Shared through the controller's test-jar.
 */
public final class SimulatorBackends implements Backends, AutoCloseable {
  private final Clock clock;
  private final ExecutorScheduler real = new ExecutorScheduler("simulator-backends");
  private final Scheduler scheduler;
  private final StateStore store;
  private final SdkEcsGateway ecs;
  private final MeterRegistry meters;

  public SimulatorBackends(
      EcsSimServer server,
      String appId,
      double speed,
      Clock clock,
      StateStore store,
      MeterRegistry meters) {
    this(server, appId, speed, clock, store, meters, GatewaySettings.defaults());
  }

  /** With the ECS gateway's settings given (its client-side buckets, for a benchmark). */
  public SimulatorBackends(
      EcsSimServer server,
      String appId,
      double speed,
      Clock clock,
      StateStore store,
      MeterRegistry meters,
      GatewaySettings gateway) {
    this.clock = clock;
    this.scheduler = new ScaledScheduler(real, speed);
    this.store = store;
    this.meters = meters;
    this.ecs =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(server.endpoint()), appId),
            ElbClients.create(EcsEndpoint.simulator(server.endpoint()), appId),
            gateway,
            clock,
            ScaledScheduler.sleeper(speed),
            meters);
  }

  /** On the real clock's pace, with the default app id and meters of its own. */
  public static SimulatorBackends realTime(EcsSimServer server, Clock clock, StateStore store) {
    return new SimulatorBackends(
        server, EcsClients.APP_ID, 1, clock, store, new SimpleMeterRegistry());
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Durations on this backends' clock, as the simulator's own are. */
  @Override
  public Monotonic monotonic() {
    return Monotonic.elapsedOn(clock);
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
  public Notifier notifier() {
    return announcement -> {};
  }

  @Override
  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    ecs.close();
    real.close();
  }
}
