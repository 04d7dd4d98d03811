package dev.daybreak.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.Ownership;
import dev.daybreak.reconcile.CachedReads;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Wires the controller from its four seams — where state lives, how ECS is reached, where
 * announcements go, and what time it is. {@link ProductionModule} and the sandbox fill the seams
 * differently; everything downstream ({@link dev.daybreak.reconcile.Controller}, the reconciler) is
 * built by Guice the same way for both.
 */
public final class ControllerModule extends AbstractModule {

  private final Backends backends;
  private final ControllerSettings settings;
  private final Ownership ownership;

  /** A controller that alone acts on every environment. */
  public ControllerModule(Backends backends, ControllerSettings settings) {
    this(backends, settings, Ownership.sole());
  }

  /** A controller that acts on the environments {@code ownership} grants (e.g. shard leases). */
  public ControllerModule(Backends backends, ControllerSettings settings, Ownership ownership) {
    this.backends = Objects.requireNonNull(backends, "backends");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ownership = Objects.requireNonNull(ownership, "ownership");
  }

  @Override
  protected void configure() {
    bind(ControllerSettings.class).toInstance(settings);
    bind(Ownership.class).toInstance(ownership);
  }

  @Provides
  @Singleton
  Clock clock() {
    return backends.clock();
  }

  /**
   * Measures how long something took on this replica (the age of an observation before acting on
   * it): the JVM's monotonic time for the system clock, time elapsed on a virtual or scaled one.
   */
  @Provides
  @Singleton
  Monotonic monotonic(Clock clock) {
    return Monotonic.of(clock);
  }

  @Provides
  @Singleton
  Scheduler scheduler() {
    return backends.scheduler();
  }

  /**
   * The store every part of the controller reads through: the backends' store behind {@link
   * CachedReads}, so a settled environment's drift check reads nothing that the resync's index read
   * shows unchanged (inert where nothing runs a resync: one pass reads as before).
   */
  @Provides
  @Singleton
  CachedReads cachedReads(Ownership ownership) {
    return new CachedReads(backends.store(), ownership, backends.clock());
  }

  @Provides
  @Singleton
  StateStore store(CachedReads reads) {
    return reads;
  }

  @Provides
  @Singleton
  EcsGateway ecs() {
    return backends.ecs();
  }

  @Provides
  @Singleton
  ScalingGateway scaling() {
    return backends.scaling();
  }

  @Provides
  @Singleton
  MeterRegistry meters() {
    return backends.meters();
  }

  @Provides
  @Singleton
  Notifier notifier() {
    return backends.notifier();
  }
}
