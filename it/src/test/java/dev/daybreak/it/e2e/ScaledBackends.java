package dev.daybreak.it.e2e;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.runtime.Backends;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Production backends whose controller runs on a clock {@code speed} times faster than the real one
 * (the stack's {@link dev.daybreak.time.ScaledClock}): its clock reads that clock and its requeues
 * wait on a {@link ScaledScheduler} of the same speed. The store, the ECS and Slack clients are the
 * production ones; their own retries keep real time, as the servers they talk to do.
 */
final class ScaledBackends implements Backends {

  private final Backends production;
  private final Clock clock;
  private final ExecutorScheduler real = new ExecutorScheduler("scaled-backends");
  private final Scheduler scheduler;

  ScaledBackends(Backends production, Clock clock, double speed) {
    this.production = Objects.requireNonNull(production, "production");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = new ScaledScheduler(real, speed);
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
    return production.store();
  }

  @Override
  public EcsGateway ecs() {
    return production.ecs();
  }

  @Override
  public ScalingGateway scaling() {
    return production.scaling();
  }

  @Override
  public Notifier notifier() {
    return production.notifier();
  }

  @Override
  public MeterRegistry meters() {
    return production.meters();
  }

  @Override
  public void close() {
    try {
      production.close();
    } finally {
      real.close();
    }
  }
}
