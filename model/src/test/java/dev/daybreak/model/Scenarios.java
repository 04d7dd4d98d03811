package dev.daybreak.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random environments (DAGs of up to {@link #MAX_SERVICES} services), desired states, observed
 * services and previous statuses for the property tests.
 *
 * <p>Each service, observation and desired state is decoded from one random non-negative {@code
 * long} ("gene") instead of being combined from many small arbitraries: generation stays cheap
 * enough for thousands of tries with 60 services on a shared CI machine, and shrinking still works
 * (lists get shorter, genes shrink toward 0, and gene 0 always decodes to the simplest value: no
 * dependencies, zero counts, ACTIVE, no subset).
 */
final class Scenarios {

  static final int MAX_SERVICES = 60;

  /** The most dependencies one generated service declares. */
  private static final int MAX_DEPENDENCIES = 3;

  private static final Instant T0 = Seed.T0;

  private Scenarios() {}

  /**
   * One planning pass's inputs.
   *
   * @param spec a random acyclic environment
   * @param desired what it should be
   * @param observed what ECS reports, keyed by ECS service name (some services absent)
   * @param previous a status reached by earlier passes over other random states, or the initial
   * @param now the time of the pass, at or after every earlier pass
   */
  record Scenario(
      EnvironmentSpec spec,
      DesiredState desired,
      Map<String, ObservedService> observed,
      EnvironmentStatus previous,
      Instant now) {

    Plan plan() {
      return Planner.plan(spec, desired, observed, previous, now);
    }

    DependencyGraph graph() {
      return DependencyGraph.of(spec.services());
    }

    /** What ECS reports for a logical service; MISSING when absent. */
    ObservedService observedOf(String service) {
      ServiceSpec declared = spec.service(service).orElseThrow();
      return observed.getOrDefault(
          declared.ecsService(), ObservedService.missing(declared.ecsService()));
    }
  }

  /** What a scenario's desired state is forced to, if anything. */
  private enum Intent {
    ANY,
    PARTIAL_WAKE,
    REVERSE_SLEEP
  }

  /**
   * Any scenario. Three in four are biased toward the desired state: every service below (waking)
   * or above (sleeping) a random tier is already up or stopped, and a random share of that tier, so
   * that passes reach every tier and the rules about dependencies are exercised rather than met
   * vacuously at the first tier.
   */
  static Arbitrary<Scenario> any() {
    return scenarios(Intent.ANY);
  }

  /** Scenarios whose desired state wakes a non-empty subset of the declared services. */
  static Arbitrary<Scenario> partialWakes() {
    return scenarios(Intent.PARTIAL_WAKE);
  }

  /** Scenarios that put an environment to sleep dependents first. */
  static Arbitrary<Scenario> reverseSleeps() {
    return scenarios(Intent.REVERSE_SLEEP);
  }

  /** Random DAGs: service i depends only on services declared before it, then shuffled. */
  static Arbitrary<EnvironmentSpec> specs() {
    return Arbitraries.integers()
        .between(1, MAX_SERVICES)
        .flatMap(
            count ->
                Combinators.combine(genes(count), Arbitraries.of(SleepOrder.class))
                    .as(Scenarios::decodeSpec)
                    .flatMap(
                        spec ->
                            Arbitraries.shuffle(spec.services())
                                .map(shuffled -> spec(spec.sleepOrder(), shuffled))));
  }

  static EnvironmentSpec spec(SleepOrder order, List<ServiceSpec> services) {
    return Seed.spec(order, services);
  }

  private static Arbitrary<Scenario> scenarios(Intent intent) {
    return specs()
        .flatMap(
            spec -> {
              int count = spec.services().size();
              return Combinators.combine(
                      gene(),
                      genes(count),
                      history(spec),
                      Arbitraries.integers().between(0, 30 * 60),
                      gene())
                  .as(
                      (desiredGene, observedGenes, previous, seconds, biasGene) -> {
                        DesiredState desired = decodeDesired(spec, desiredGene, intent);
                        Map<String, ObservedService> observed = decodeObserved(spec, observedGenes);
                        biasToward(spec, desired.state(), observed, biasGene);
                        return new Scenario(
                            intent == Intent.REVERSE_SLEEP
                                ? spec(SleepOrder.REVERSE, spec.services())
                                : spec,
                            desired,
                            observed,
                            previous,
                            T0.plusSeconds(seconds));
                      });
            });
  }

  private static Arbitrary<Long> gene() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE);
  }

  private static Arbitrary<List<Long>> genes(int count) {
    return gene().list().ofSize(count);
  }

  /** {@code bits} bits of the gene starting at bit {@code from}. */
  private static int bits(long gene, int from, int bits) {
    return (int) ((gene >>> from) & ((1L << bits) - 1));
  }

  private static String name(int index) {
    return String.format("s%02d", index);
  }

  private static EnvironmentSpec decodeSpec(List<Long> genes, SleepOrder order) {
    List<ServiceSpec> services = new ArrayList<>();
    for (int index = 0; index < genes.size(); index++) {
      services.add(decodeService(index, genes.get(index)));
    }
    return spec(order, services);
  }

  /**
   * Bits 0-1: how many dependencies (at most {@link #MAX_DEPENDENCIES}, only on earlier services),
   * 2-25: which; 26-29: replicas (0-5 fixed, 6-11 restore with fallback 0-5); 30-31: readiness;
   * 32-36: timeout 1-32 minutes.
   */
  private static ServiceSpec decodeService(int index, long gene) {
    Set<String> dependencies = new TreeSet<>();
    int wanted = index == 0 ? 0 : bits(gene, 0, 2) % (MAX_DEPENDENCIES + 1);
    for (int k = 0; k < wanted; k++) {
      dependencies.add(name(bits(gene, 2 + 8 * k, 8) % index));
    }
    int replicas = bits(gene, 26, 4) % 12;
    return new ServiceSpec(
        name(index),
        "ecs-" + name(index),
        replicas < 6 ? Replicas.fixed(replicas) : Replicas.restore(replicas - 6),
        Readiness.values()[bits(gene, 30, 2) % 3],
        Duration.ofMinutes(1 + bits(gene, 32, 5)),
        List.copyOf(dependencies));
  }

  /**
   * Bit 0: AWAKE or ASLEEP; bits 1-2: a subset when 3, of up to 4 names from bits 3-36, one of
   * which may be a name the spec does not declare. A partial wake always names 1-4 of the services
   * declared in the later half, the only ones that can have dependencies.
   */
  private static DesiredState decodeDesired(EnvironmentSpec spec, long gene, Intent intent) {
    State state =
        switch (intent) {
          case PARTIAL_WAKE -> State.AWAKE;
          case REVERSE_SLEEP -> State.ASLEEP;
          case ANY -> bits(gene, 0, 1) == 0 ? State.AWAKE : State.ASLEEP;
        };
    List<String> names = spec.services().stream().map(ServiceSpec::name).sorted().toList();
    Set<String> subset = new TreeSet<>();
    boolean partial = intent == Intent.ANY && bits(gene, 1, 2) == 3;
    if (intent == Intent.PARTIAL_WAKE) {
      int laterHalf = names.size() / 2;
      int size = 1 + bits(gene, 3, 2);
      for (int k = 0; k < size; k++) {
        subset.add(names.get(laterHalf + bits(gene, 5 + 8 * k, 8) % (names.size() - laterHalf)));
      }
    } else if (partial) {
      int size = 1 + bits(gene, 3, 2);
      for (int k = 0; k < size; k++) {
        int pick = bits(gene, 5 + 8 * k, 8) % (names.size() + 1);
        subset.add(pick < names.size() ? names.get(pick) : "undeclared");
      }
    }
    return new DesiredState(state, Optional.empty(), subset, "prop", "random", T0);
  }

  private static Map<String, ObservedService> decodeObserved(
      EnvironmentSpec spec, List<Long> genes) {
    Map<String, ObservedService> observed = new HashMap<>();
    for (int i = 0; i < spec.services().size(); i++) {
      String ecsService = spec.services().get(i).ecsService();
      decodeObservedService(ecsService, genes.get(i)).ifPresent(s -> observed.put(ecsService, s));
    }
    return observed;
  }

  /**
   * Bits 0-5: status (0-59 ACTIVE, then DRAINING, INACTIVE, MISSING, and 63 absent from the map);
   * 6-8, 9-11: desired and running 0-6; 12-13: 0-2 deployments whose rolloutState and failedTasks
   * come from bits 14-21; 22-23: health unknown, healthy or unhealthy; 24: one event.
   */
  private static Optional<ObservedService> decodeObservedService(String ecsService, long gene) {
    int statusCode = bits(gene, 0, 6);
    if (statusCode == 63) {
      return Optional.empty();
    }
    ServiceStatus status =
        switch (statusCode) {
          case 60 -> ServiceStatus.DRAINING;
          case 61 -> ServiceStatus.INACTIVE;
          case 62 -> ServiceStatus.MISSING;
          default -> ServiceStatus.ACTIVE;
        };
    int desired = bits(gene, 6, 3) % 7;
    int running = bits(gene, 9, 3) % 7;
    List<Deployment> deployments = new ArrayList<>();
    for (int k = 0; k < bits(gene, 12, 2) % 3; k++) {
      deployments.add(
          new Deployment(
              "dep-" + k,
              k == 0 ? "PRIMARY" : "ACTIVE",
              RolloutState.values()[bits(gene, 14 + 4 * k, 2) % 3],
              desired,
              running,
              0,
              bits(gene, 16 + 4 * k, 2)));
    }
    int signal = bits(gene, 22, 2) % 3;
    Optional<Health> health =
        signal == 0
            ? Optional.empty()
            : Optional.of(
                new Health.TargetGroups(
                    List.of(
                        new Health.TargetGroup(
                            "arn:tg/" + ecsService,
                            signal == 1 ? running : 0,
                            signal == 1 ? 0 : running,
                            0,
                            List.of()))));
    List<ServiceEvent> events =
        bits(gene, 24, 1) == 0
            ? List.of()
            : List.of(new ServiceEvent("ev", T0, "(service " + ecsService + ") event"));
    return Optional.of(
        new ObservedService(ecsService, status, desired, running, 0, deployments, events, health));
  }

  /**
   * For three genes in four (bits 0-1), moves the world toward the desired state: every service
   * below (waking) or above (sleeping) a frontier tier (bits 1-8) is put up or stopped, and each
   * service of that tier with a probability from bits 9-15.
   */
  private static void biasToward(
      EnvironmentSpec spec, State state, Map<String, ObservedService> observed, long gene) {
    if (bits(gene, 0, 2) == 0) {
      return;
    }
    DependencyGraph graph = DependencyGraph.of(spec.services());
    int frontier = bits(gene, 1, 8) % graph.tiers().size();
    int share = bits(gene, 9, 7);
    long chooser = gene >>> 16;
    for (ServiceSpec service : spec.services()) {
      int tier = graph.tierOf(service.name());
      boolean past = state == State.AWAKE ? tier < frontier : tier > frontier;
      chooser = chooser * 6364136223846793005L + 1442695040888963407L;
      boolean onFrontier = tier == frontier && bits(chooser, 33, 7) < share;
      if (past || onFrontier) {
        int count = state == State.AWAKE ? 6 : 0;
        observed.put(service.ecsService(), World.active(service.ecsService(), count, count));
      }
    }
  }

  /**
   * The initial status, or the status two earlier passes wrote over other random states (20 and 10
   * minutes before {@link Seed#T0}): a wake or sleep in any phase, with timers and saved counts.
   */
  private static Arbitrary<EnvironmentStatus> history(EnvironmentSpec spec) {
    int count = spec.services().size();
    return Combinators.combine(
            Arbitraries.integers().between(0, 4), gene(), genes(count), gene(), genes(count))
        .as(
            (kind, firstDesired, firstObserved, secondDesired, secondObserved) -> {
              if (kind == 0) {
                return EnvironmentStatus.initial();
              }
              EnvironmentStatus first =
                  Planner.plan(
                          spec,
                          decodeDesired(spec, firstDesired, Intent.ANY),
                          decodeObserved(spec, firstObserved),
                          EnvironmentStatus.initial(),
                          T0.minus(Duration.ofMinutes(20)))
                      .status();
              return Planner.plan(
                      spec,
                      decodeDesired(spec, secondDesired, Intent.ANY),
                      decodeObserved(spec, secondObserved),
                      first,
                      T0.minus(Duration.ofMinutes(10)))
                  .status();
            });
  }
}
