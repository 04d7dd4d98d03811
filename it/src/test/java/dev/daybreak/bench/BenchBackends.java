package dev.daybreak.bench;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.runtime.Backends;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * A controller's seams for the benchmarks: the simulator over HTTP (calls tagged with {@code
 * appId}, which the simulator's call log records as the caller), a given store, no Slack.
 */
final class BenchBackends implements Backends {
  private final Clock clock;
  private final ExecutorScheduler real = new ExecutorScheduler("bench-scheduler");
  private final Scheduler scheduler;
  private final StateStore store;
  private final SdkEcsGateway ecs;
  private final MeterRegistry meters;

  BenchBackends(
      EcsSimServer server,
      String appId,
      double speed,
      Clock clock,
      StateStore store,
      MeterRegistry meters) {
    this.clock = clock;
    this.scheduler = new ScaledScheduler(real, speed);
    this.store = store;
    this.meters = meters;
    this.ecs =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(server.endpoint()), appId),
            GatewaySettings.defaults(),
            clock,
            ScaledScheduler.sleeper(speed),
            meters);
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
