package dev.daybreak.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.reconcile.CachedReads;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * What every mode builds the same way on the seams its own module binds ({@link
 * dev.daybreak.production.ProductionModule}, the sandbox's and the Lambda function's, a test's
 * {@link #over}): the reconciler, the {@link dev.daybreak.reconcile.Controller} and its metrics. It
 * binds no seam itself.
 */
public final class ControllerModule extends AbstractModule {

  private final ControllerSettings settings;

  /**
   * The controller with these settings; the mode's module binds the {@link Ownership} it acts under
   * ({@link Ownership#sole()}, or shard leases for {@code daybreak run}).
   */
  public ControllerModule(ControllerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The controller with these settings, acting alone on every environment. */
  public static Module alone(ControllerSettings settings) {
    return com.google.inject.util.Modules.combine(
        new ControllerModule(settings),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Ownership.class).toInstance(Ownership.sole());
          }
        });
  }

  /**
   * The controller over seams a caller already holds together (tests and benchmarks over the
   * simulator): each of {@code backends}' seams bound as it is.
   */
  public static Module over(Backends backends, ControllerSettings settings) {
    return over(backends, settings, Ownership.sole());
  }

  /** As {@link #over(Backends, ControllerSettings)}, acting on what {@code ownership} grants. */
  public static Module over(Backends backends, ControllerSettings settings, Ownership ownership) {
    Objects.requireNonNull(backends, "backends");
    return com.google.inject.util.Modules.combine(
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Clock.class).toInstance(backends.clock());
            bind(Monotonic.class).toInstance(backends.monotonic());
            bind(Scheduler.class).toInstance(backends.scheduler());
            bind(StateStore.class).toInstance(backends.store());
            bind(EcsGateway.class).toInstance(backends.ecs());
            bind(ScalingGateway.class).toInstance(backends.scaling());
            bind(Notifier.class).toInstance(backends.notifier());
            bind(MeterRegistry.class).toInstance(backends.meters());
            bind(Ownership.class).toInstance(ownership);
          }
        },
        new ControllerModule(settings));
  }

  @Override
  protected void configure() {
    bind(ControllerSettings.class).toInstance(settings);
  }

  /**
   * The reconciler, measuring observations' ages on the bound {@link Monotonic} (never guessed from
   * the clock).
   */
  /**
   * The store the controller reads through: the bound store behind {@link CachedReads}, so a
   * settled environment's drift check reads nothing that the resync's index read shows unchanged
   * (inert where nothing runs a resync: one pass reads as before).
   */
  @Provides
  @Singleton
  CachedReads cachedReads(StateStore store, Ownership ownership, Clock clock) {
    return new CachedReads(store, ownership, clock);
  }

  /** The controller, resyncing and reconciling through {@link CachedReads}. */
  @Provides
  @Singleton
  Controller controller(
      CachedReads store,
      EnvironmentReconciler reconciler,
      Scheduler scheduler,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      MeterRegistry meters) {
    return new Controller(store, reconciler, scheduler, clock, settings, ownership, meters);
  }

  @Provides
  @Singleton
  EnvironmentReconciler reconciler(
      CachedReads store,
      EcsGateway ecs,
      ScalingGateway scaling,
      Notifier notifier,
      Clock clock,
      Monotonic monotonic,
      ControllerSettings settings,
      Ownership ownership,
      ReconcileMetrics metrics) {
    return new EnvironmentReconciler(
        store, ecs, scaling, notifier, clock, monotonic, settings, ownership, metrics);
  }

  /** The bound seams together, for what takes them so (a dry run, the weekly digest). */
  @Provides
  @Singleton
  Backends backends(
      Clock clock,
      Monotonic monotonic,
      Scheduler scheduler,
      StateStore store,
      EcsGateway ecs,
      ScalingGateway scaling,
      Notifier notifier,
      MeterRegistry meters) {
    return Backends.of(clock, monotonic, scheduler, store, ecs, scaling, notifier, meters);
  }
}
