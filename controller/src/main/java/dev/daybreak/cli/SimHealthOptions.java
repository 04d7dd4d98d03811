package dev.daybreak.cli;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.model.DurationRange;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daybreak ecs-sim}'s health options. A manifest given to {@code --from} declares no load
 * balancers (they are not daybreak's to declare), so the simulator gives each service whose {@code
 * readiness} is {@code healthy} a target group of its own, named after its ECS service, with the
 * container of the same name on port 80, unless {@code --container-health-check} names it: then its
 * task definition gets a container health check instead.
 */
final class SimHealthOptions {

  /** The container port of the target groups {@code --from} creates. */
  static final int CONTAINER_PORT = 80;

  /** A target group name has at most 32 characters. */
  private static final int NAME_MAX = 32;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--container-health-check",
      paramLabel = "SERVICE",
      description =
          "SERVICE (an ECS service of a --from manifest) has a container health check instead of"
              + " a target group; its tasks report healthStatus in DescribeTasks.")
  private List<String> containerChecks = new ArrayList<>();

  @Option(
      names = "--health-check-interval",
      paramLabel = "DURATION",
      description = "Target and container health checks run this often. Default 30s (AWS's).")
  private String interval;

  @Option(
      names = "--healthy-threshold",
      paramLabel = "N",
      description = "Passing checks that make a target healthy, 2 to 10. Default 5 (AWS's).")
  private Integer healthyThreshold;

  @Option(
      names = "--unhealthy",
      paramLabel = "SERVICE",
      description =
          "SERVICE's target and container health checks fail (also at POST /_sim/health-faults).")
  private List<String> unhealthy = new ArrayList<>();

  /** Applies the interval and threshold to the simulator's settings. */
  void configure(SimSettings.Builder builder) {
    HealthSettings health = HealthSettings.AWS_DEFAULTS;
    try {
      if (interval != null) {
        health = health.withInterval(DurationRange.nonNegative().parse(interval));
      }
      if (healthyThreshold != null) {
        health = health.withHealthyThreshold(healthyThreshold);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "health checks: " + e.getMessage());
    }
    builder.health(health);
  }

  /**
   * Gives the {@code healthy} services of {@code manifests} their target group or container health
   * check, and makes the {@code --unhealthy} services fail their checks.
   */
  void provision(EcsSimulator sim, List<Manifest> manifests) {
    Set<String> known = new HashSet<>();
    for (Manifest m : manifests) {
      for (ServiceSpec s : m.spec().services()) {
        known.add(s.ecsService());
        if (containerChecks.contains(s.ecsService())) {
          sim.setHealthChecks(m.spec().cluster(), s.ecsService(), List.of(), true);
        } else if (s.readiness() == Readiness.HEALTHY) {
          sim.setHealthChecks(
              m.spec().cluster(),
              s.ecsService(),
              List.of(
                  new LoadBalancer(
                      targetGroupArn(sim, s.ecsService()), s.ecsService(), CONTAINER_PORT)),
              false);
        }
      }
    }
    for (String s : containerChecks) {
      if (!known.contains(s)) {
        throw new ParameterException(
            spec.commandLine(),
            "--container-health-check "
                + s
                + ": no --from manifest declares ECS service '"
                + s
                + "' (declared: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
    sim.setUnhealthyServices(Set.copyOf(unhealthy));
  }

  /** The ARN of the target group {@code --from} gives an ECS service. */
  static String targetGroupArn(EcsSimulator sim, String ecsService) {
    String name = ecsService.length() > NAME_MAX ? ecsService.substring(0, NAME_MAX) : ecsService;
    return LoadBalancer.targetGroupArn(
        sim.settings().region(), sim.settings().accountId(), name.replace('_', '-'));
  }
}
