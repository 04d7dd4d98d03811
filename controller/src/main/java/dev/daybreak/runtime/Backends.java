package dev.daybreak.runtime;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The resources a controller runs on, owned together: {@link #close()} releases them in the right
 * order (announcements drained first, then ECS and the store, then the scheduler).
 */
public interface Backends extends AutoCloseable {

  Clock clock();

  Scheduler scheduler();

  StateStore store();

  EcsGateway ecs();

  /** Application Auto Scaling; none (no service has a scalable target) unless overridden. */
  default ScalingGateway scaling() {
    return ScalingGateway.none();
  }

  Notifier notifier();

  /** Where the controller's meters are registered (Prometheus for {@code daybreak run}). */
  MeterRegistry meters();

  @Override
  void close();
}
