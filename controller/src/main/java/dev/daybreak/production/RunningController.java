package dev.daybreak.production;

import dev.daybreak.ecs.RoutedEcsGateway;
import dev.daybreak.lease.ShardLeases;
import dev.daybreak.metrics.RuntimeMetrics;
import dev.daybreak.runtime.Application;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

/**
 * {@code daybreak run}'s application, from {@link ProductionModule}, a {@link ControllerModule} and
 * a {@link LeasesModule}: the controller acting on the shards its leases hold, the leases counted
 * in the meters and sharing ECS's UpdateService quota between the replicas. Closing it closes
 * everything, newest first.
 */
public final class RunningController implements AutoCloseable {

  private final Application application;
  private final ShardLeases leases;
  private final StateStore realStore;

  @Inject
  RunningController(
      Application application,
      ShardLeases leases,
      RoutedEcsGateway ecs,
      MeterRegistry meters,
      @ProductionModule.Real StateStore realStore) {
    this.application = application;
    this.leases = leases;
    this.realStore = realStore;
    RuntimeMetrics.leases(meters, leases);
    leases.onShareChanged(ecs::shareQuota);
  }

  public Application application() {
    return application;
  }

  public ShardLeases leases() {
    return leases;
  }

  /**
   * The real state store even in a dry run, where chat-ops replies find the real controller's Slack
   * threads.
   */
  public StateStore realStore() {
    return realStore;
  }

  /**
   * Starts the leases, then the controller. The lease rounds get a scheduler thread of their own: a
   * round must not wait behind other timers, its renew deadline is short.
   */
  public void start() {
    leases.start(application.own("lease rounds", new ExecutorScheduler("daybreak-leases")));
    application.controller().start();
  }

  @Override
  public void close() {
    application.close();
  }
}
