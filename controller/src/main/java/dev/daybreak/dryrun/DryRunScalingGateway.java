package dev.daybreak.dryrun;

import dev.daybreak.aws.AwsTarget;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.scaling.ScalingGateway;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Application Auto Scaling for a dry run: targets are read from the real service; a
 * RegisterScalableTarget is not made but announced, once per service and bounds (the dry run's
 * passes plan it again each time, since it was never made).
 */
public final class DryRunScalingGateway implements ScalingGateway {

  private final ScalingGateway real;
  private final Consumer<String> announcer;
  private final Set<String> announced;

  public DryRunScalingGateway(ScalingGateway real, Consumer<String> announcer) {
    this(real, announcer, ConcurrentHashMap.newKeySet());
  }

  private DryRunScalingGateway(
      ScalingGateway real, Consumer<String> announcer, Set<String> announced) {
    this.real = real;
    this.announcer = announcer;
    this.announced = announced;
  }

  /** The real gateway's route to {@code target}, reading only, as this one. */
  @Override
  public ScalingGateway at(AwsTarget target, String environment) {
    ScalingGateway routed = real.at(target, environment);
    return routed == real ? this : new DryRunScalingGateway(routed, announcer, announced);
  }

  @Override
  public Map<String, ScalingBounds> targets(String cluster, Collection<String> ecsServices) {
    return real.targets(cluster, ecsServices);
  }

  @Override
  public void set(String cluster, String ecsService, ScalingBounds bounds) {
    String call =
        "would set the scalable target of "
            + ScalingGateway.resourceId(cluster, ecsService)
            + " to "
            + bounds.describe();
    if (announced.add(call)) {
      announcer.accept(call);
    }
  }
}
