package dev.daybreak.reconcile;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Monotonic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds an {@link EnvironmentReconciler} outside Guice (tests, tools): the four seams are
 * required, everything else has a default. Obtained from {@link EnvironmentReconciler#builder}.
 */
public final class EnvironmentReconcilerBuilder {

  private final StateStore store;
  private final EcsGateway ecs;
  private final Notifier notifier;
  private final Clock clock;
  private ScalingGateway scaling = ScalingGateway.none();
  private Monotonic monotonic;
  private ControllerSettings settings = ControllerSettings.defaults();
  private Ownership ownership = Ownership.sole();
  private ReconcileMetrics metrics;

  EnvironmentReconcilerBuilder(StateStore store, EcsGateway ecs, Notifier notifier, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.ecs = Objects.requireNonNull(ecs, "ecs");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Application Auto Scaling, for the services' scalable targets (default: none). */
  public EnvironmentReconcilerBuilder scaling(ScalingGateway scaling) {
    this.scaling = Objects.requireNonNull(scaling, "scaling");
    return this;
  }

  /**
   * What measures how old an observation is (default: the time elapsed on the clock, {@link
   * Monotonic#elapsedOn}; the composition roots bind the JVM's monotonic time in production).
   */
  public EnvironmentReconcilerBuilder monotonic(Monotonic monotonic) {
    this.monotonic = Objects.requireNonNull(monotonic, "monotonic");
    return this;
  }

  /** The controller's settings (default: {@link ControllerSettings#defaults()}). */
  public EnvironmentReconcilerBuilder settings(ControllerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Which environments this reconciler may act on (default: {@link Ownership#sole()}, all). */
  public EnvironmentReconcilerBuilder ownership(Ownership ownership) {
    this.ownership = Objects.requireNonNull(ownership, "ownership");
    return this;
  }

  /** Where the pass metrics go (default: a registry in memory only). */
  public EnvironmentReconcilerBuilder metrics(ReconcileMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /** The reconciler. */
  public EnvironmentReconciler build() {
    return new EnvironmentReconciler(
        store,
        ecs,
        scaling,
        notifier,
        clock,
        monotonic != null ? monotonic : Monotonic.elapsedOn(clock),
        settings,
        ownership,
        metrics != null ? metrics : new ReconcileMetrics(new SimpleMeterRegistry()));
  }
}
