package dev.daybreak.lambda;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.daybreak.cli.LambdaSettings;
import dev.daybreak.lease.Ownership;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.runtime.ControllerModule;
import java.util.Objects;

/**
 * The Lambda function's composition root, one per invocation: the seams of {@link ProductionModule}
 * configured from the function's environment (or a test's seams), a controller with the
 * environment's settings, acting alone on every environment (one invocation at a time reconciles;
 * there are no shard leases).
 */
public final class LambdaModule extends AbstractModule {

  private final LambdaSettings settings;
  private final Module seams;

  /**
   * @param settings the function's settings
   * @param seams binds the clock, monotonic source, scheduler, store, ECS, Application Auto
   *     Scaling, notifier and meters
   */
  LambdaModule(LambdaSettings settings, Module seams) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.seams = Objects.requireNonNull(seams, "seams");
  }

  @Override
  protected void configure() {
    install(seams);
    install(new ControllerModule(settings.controller()));
    bind(Ownership.class).toInstance(Ownership.sole());
  }
}
