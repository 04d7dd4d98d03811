package dev.daybreak.runtime;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The seams a controller runs on, as one value: what time it is (wall and monotonic), where work is
 * scheduled, where state lives, how ECS and Application Auto Scaling are reached, where
 * announcements go and where meters are counted. A mode's module ({@link
 * dev.daybreak.production.ProductionModule}, the sandbox's, the Lambda function's) binds each seam
 * explicitly and its {@link Lifecycle} closes them; this view is for what takes them together, such
 * as a dry run ({@link dev.daybreak.dryrun.DryRunBackends}) or a test's {@link
 * ControllerModule#over}.
 */
public interface Backends {

  Clock clock();

  /** Measures durations on this replica; goes with {@link #clock()}, chosen by whoever binds it. */
  Monotonic monotonic();

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

  /** The given seams, as bound. */
  static Backends of(
      Clock clock,
      Monotonic monotonic,
      Scheduler scheduler,
      StateStore store,
      EcsGateway ecs,
      ScalingGateway scaling,
      Notifier notifier,
      MeterRegistry meters) {
    return new Bound(clock, monotonic, scheduler, store, ecs, scaling, notifier, meters);
  }

  /** {@link #of}'s value. */
  record Bound(
      Clock clock,
      Monotonic monotonic,
      Scheduler scheduler,
      StateStore store,
      EcsGateway ecs,
      ScalingGateway scaling,
      Notifier notifier,
      MeterRegistry meters)
      implements Backends {}
}
