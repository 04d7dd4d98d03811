package dev.daybreak.it.sim;

import dev.daybreak.model.ScalingBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One simulated environment drawn from a seed: a random DAG of services in its own cluster.
 *
 * @param name the environment's name
 * @param cluster its ECS cluster
 * @param services its services, in dependency order (each depends only on earlier ones)
 */
record SimEnvironment(String name, String cluster, List<Service> services) {

  /**
   * One service.
   *
   * @param name logical and ECS name (unique across the simulation: the simulator keys per-service
   *     settings by ECS name in every cluster)
   * @param replicas the count it wakes to
   * @param dependsOn the services it needs; the simulator crashes it without them
   * @param startLatency how long its tasks take to reach RUNNING
   * @param health the health checks its tasks have
   * @param healthy whether its manifest says {@code readiness: healthy} (only with health checks)
   * @param scaling the scalable target it has at the start, if any
   */
  record Service(
      String name,
      int replicas,
      List<String> dependsOn,
      Duration startLatency,
      Health health,
      boolean healthy,
      Optional<ScalingBounds> scaling) {

    /** The count it is awake at: {@code replicas} raised to its target's MinCapacity. */
    int awakeCount() {
      return scaling.map(b -> b.clamp(replicas)).orElse(replicas);
    }
  }

  /** A service's health checks. */
  enum Health {
    NONE,
    /** Behind a target group of a load balancer. */
    TARGET_GROUP,
    /** A container health check, no load balancer. */
    CONTAINER
  }

  /** Draws an environment of {@code minServices..maxServices} services. */
  static SimEnvironment draw(Random random, int index, int minServices, int maxServices) {
    String name = "env" + index;
    int n = minServices + random.nextInt(maxServices - minServices + 1);
    List<Service> services = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> deps = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(2) == 0) {
          deps.add(services.get(j).name());
        }
      }
      int replicas = 1 + random.nextInt(3);
      Duration latency = Duration.ofSeconds(5 + random.nextInt(56));
      Health health =
          switch (random.nextInt(6)) {
            case 0 -> Health.TARGET_GROUP;
            case 1 -> Health.CONTAINER;
            default -> Health.NONE;
          };
      boolean healthy = health != Health.NONE && random.nextInt(3) != 0;
      Optional<ScalingBounds> scaling = Optional.empty();
      if (random.nextInt(4) == 0) {
        // MaxCapacity at least replicas, MinCapacity sometimes above them (the wake raises the
        // count to it); sometimes suspended already, as a team may have left it.
        int min = random.nextInt(replicas + 2);
        int max = Math.max(min, replicas) + random.nextInt(3);
        boolean suspended = random.nextInt(4) == 0;
        scaling =
            Optional.of(
                new ScalingBounds(
                    min,
                    max,
                    suspended && random.nextBoolean(),
                    suspended,
                    suspended && random.nextBoolean()));
      }
      services.add(new Service(name + "-s" + i, replicas, deps, latency, health, healthy, scaling));
    }
    return new SimEnvironment(name, "cluster" + index, List.copyOf(services));
  }

  /** The manifest, as a person would write it, with {@code schedule} if there is one. */
  String manifest(Optional<SimSchedule> schedule) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: ")
        .append(name)
        .append("\nspec:\n  cluster: ")
        .append(cluster)
        .append('\n');
    schedule.ifPresent(s -> y.append(s.yaml()));
    y.append("  services:\n");
    for (Service s : services) {
      y.append("    - name: ").append(s.name()).append('\n');
      y.append("      replicas: ").append(s.replicas()).append('\n');
      if (s.healthy()) {
        y.append("      readiness: healthy\n");
      }
      if (!s.dependsOn().isEmpty()) {
        y.append("      dependsOn: [").append(String.join(", ", s.dependsOn())).append("]\n");
      }
    }
    return y.toString();
  }

  Service service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** The services that depend on {@code name}. */
  List<String> dependents(String name) {
    return services.stream().filter(s -> s.dependsOn().contains(name)).map(Service::name).toList();
  }

  /** Tier of every service: 0 without dependencies, else 1 + the highest tier it depends on. */
  Map<String, Integer> tiers() {
    Map<String, Integer> tiers = new java.util.LinkedHashMap<>();
    for (Service s : services) {
      tiers.put(
          s.name(), s.dependsOn().stream().mapToInt(tiers::get).map(t -> t + 1).max().orElse(0));
    }
    return tiers;
  }

  /** The longest start latency per tier, tier by tier. */
  List<Duration> slowestStartPerTier() {
    Map<String, Integer> tiers = tiers();
    return services.stream()
        .collect(
            Collectors.groupingBy(
                s -> tiers.get(s.name()),
                java.util.TreeMap::new,
                Collectors.mapping(
                    Service::startLatency,
                    Collectors.reducing(Duration.ZERO, (a, b) -> a.compareTo(b) >= 0 ? a : b))))
        .values()
        .stream()
        .toList();
  }
}
