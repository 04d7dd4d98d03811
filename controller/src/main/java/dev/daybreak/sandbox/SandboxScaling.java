package dev.daybreak.sandbox;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import java.util.Comparator;
import java.util.Optional;

/**
 * The Application Auto Scaling target the sandbox gives an environment, as a dev team commonly sets
 * one: on the {@code readiness: healthy} service with the most fixed replicas (ties: the first in
 * the manifest), MinCapacity one below its replicas (at least 1) and MaxCapacity twice them,
 * nothing suspended. An environment without such a service (the seed) gets none.
 *
 * @param ecsService the ECS service the target scales
 * @param min MinCapacity
 * @param max MaxCapacity
 */
record SandboxScaling(String ecsService, int min, int max) {

  /** The target for {@code spec}, if it has a service to put one on. */
  static Optional<SandboxScaling> of(EnvironmentSpec spec) {
    return spec.services().stream()
        .filter(s -> s.readiness() == Readiness.HEALTHY)
        .filter(s -> s.replicas() instanceof Replicas.Fixed f && f.count() > 0)
        .max(Comparator.comparingInt(SandboxScaling::fixed)) // maxBy keeps the first of a tie
        .map(s -> new SandboxScaling(s.ecsService(), Math.max(1, fixed(s) - 1), 2 * fixed(s)));
  }

  /** Registers the target in {@code sim}, as the team would with RegisterScalableTarget. */
  ScalableTargetView declare(EcsSimulator sim, String cluster) {
    return sim.autoScaling().declare(cluster, ecsService, min, max, Suspension.NONE);
  }

  /** The target as the simulator holds it now. */
  Optional<ScalableTargetView> read(EcsSimulator sim, String cluster) {
    String id = "service/" + cluster + "/" + ecsService; // an ECS service's ResourceId
    return sim.autoScaling().targets().stream().filter(t -> t.resourceId().equals(id)).findFirst();
  }

  private static int fixed(ServiceSpec s) {
    return ((Replicas.Fixed) s.replicas()).count();
  }
}
