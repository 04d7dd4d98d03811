package dev.daybreak.ecssim;

import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.ServiceSpec;
import java.util.List;
import java.util.Set;

/**
 * The simulator-only way a manifest's services get health checks (a manifest declares no load
 * balancers: they are not daybreak's to declare): each service whose {@code readiness} is {@code
 * healthy} gets a target group of its own, named after its ECS service, with the container of the
 * same name on port {@link #CONTAINER_PORT}; a service named in {@code containerChecks} gets a
 * container health check instead. Used by {@code daybreak ecs-sim --from} and the sandbox.
 */
public final class ManifestHealthChecks {

  /** The container port of the target groups given to manifest services. */
  public static final int CONTAINER_PORT = 80;

  /** A target group name has at most 32 characters. */
  private static final int NAME_MAX = 32;

  private ManifestHealthChecks() {}

  /** Gives {@code spec}'s services their health checks in {@code sim} (already provisioned). */
  public static void provision(
      EcsSimulator sim, EnvironmentSpec spec, Set<String> containerChecks) {
    for (ServiceSpec s : spec.services()) {
      if (containerChecks.contains(s.ecsService())) {
        sim.setHealthChecks(spec.cluster(), s.ecsService(), List.of(), true);
      } else if (s.readiness() == Readiness.HEALTHY) {
        sim.setHealthChecks(
            spec.cluster(),
            s.ecsService(),
            List.of(
                new LoadBalancer(
                    targetGroupArn(sim.settings(), s.ecsService()),
                    s.ecsService(),
                    CONTAINER_PORT)),
            false);
      }
    }
  }

  /** The ARN of the target group a manifest's ECS service gets. */
  public static String targetGroupArn(SimSettings settings, String ecsService) {
    String name = ecsService.length() > NAME_MAX ? ecsService.substring(0, NAME_MAX) : ecsService;
    return LoadBalancer.targetGroupArn(
        settings.region(), settings.accountId(), name.replace('_', '-'));
  }
}
