package dev.daybreak.cli;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.ManifestHealthChecks;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.model.DurationRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daybreak ecs-sim}'s health options: the check interval and threshold, which {@code --from}
 * services get a container health check instead of a target group ({@link ManifestHealthChecks}),
 * and which fail their checks.
 */
final class SimHealthOptions {

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
   * check ({@link ManifestHealthChecks}), and makes the {@code --unhealthy} services fail their
   * checks.
   */
  void provision(EcsSimulator sim, List<Manifest> manifests) {
    Set<String> known = new HashSet<>();
    for (Manifest m : manifests) {
      m.spec().services().forEach(s -> known.add(s.ecsService()));
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
    for (Manifest m : manifests) {
      ManifestHealthChecks.provision(sim, m.spec(), Set.copyOf(containerChecks));
    }
    sim.setUnhealthyServices(Set.copyOf(unhealthy));
  }
}
