package dev.daybreak.model;

import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.StaggerSlot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one reconcile pass knows about an environment it may act on, gathered by the reconciler
 * before anything is decided.
 *
 * @param spec the environment
 * @param generation the spec's generation, recorded in the status
 * @param resolution the effective desired state (a manual change, the schedule at this
 *     environment's place in the stagger window, or the stored state) and when it changes next
 * @param slot the environment's place in the stagger window
 * @param observed what DescribeServices reported, by ECS service name
 * @param scalableTargets the Application Auto Scaling targets observed, by ECS service name
 * @param previous the status the previous pass wrote, with the measured wakes
 * @param taskSizes per logical service, its task size, where ECS was asked (else empty)
 * @param now the time of this pass, read as it began
 */
public record PassInputs(
    EnvironmentSpec spec,
    long generation,
    Resolution resolution,
    StaggerSlot slot,
    Map<String, ObservedService> observed,
    Map<String, ScalingBounds> scalableTargets,
    EnvironmentStatus previous,
    Map<String, TaskSize> taskSizes,
    Instant now) {

  public PassInputs {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(slot, "slot");
    observed = Map.copyOf(observed);
    scalableTargets = Map.copyOf(scalableTargets);
    Objects.requireNonNull(previous, "previous");
    taskSizes = Map.copyOf(taskSizes);
    Objects.requireNonNull(now, "now");
  }

  /** These inputs, knowing these task sizes. */
  public PassInputs withTaskSizes(Map<String, TaskSize> sizes) {
    return new PassInputs(
        spec, generation, resolution, slot, observed, scalableTargets, previous, sizes, now);
  }

  /** What the pass drives toward. */
  public DesiredState desired() {
    return resolution.desired();
  }
}
