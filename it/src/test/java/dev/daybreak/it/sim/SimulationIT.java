package dev.daybreak.it.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation: many seeds, each a world of random environments, faults and
 * desired-state writes, run against the real reconciler with the invariants of {@link Simulation}
 * checked throughout.
 *
 * <p>{@code -Ddaybreak.sim.seeds=N} runs seeds 1..N (default 1,000, small worlds); {@code
 * -Ddaybreak.sim.seed=S} runs seed S alone (in a larger world too), as printed for a failure.
 */
class SimulationIT {

  private static final String REPRODUCE =
      "./mvnw -B verify -pl model,manifests,controller,it -Dit.test=SimulationIT -Ddaybreak.sim.seed=";

  @Test
  void seeds_holdEveryInvariant() {
    String single = System.getProperty("daybreak.sim.seed", "");
    List<Long> seeds = new ArrayList<>();
    if (!single.isBlank()) {
      seeds.add(Long.parseLong(single.trim()));
    } else {
      long n = Long.getLong("daybreak.sim.seeds", 1_000);
      for (long s = 1; s <= n; s++) {
        seeds.add(s);
      }
    }
    List<String> failures = new ArrayList<>();
    long passes = 0;
    long crashes = 0;
    long throttles = 0;
    long writes = 0;
    Duration slowest = Duration.ZERO;
    double worstShare = 0;
    for (long seed : seeds) {
      List<Simulation.Size> sizes = new ArrayList<>(List.of(Simulation.Size.SMALL));
      if (!single.isBlank()) {
        sizes.add(Simulation.Size.LARGE);
      }
      for (Simulation.Size size : sizes) {
        Simulation.Outcome o = new Simulation(seed, size).run();
        if (!o.ok()) {
          failures.add(
              "seed " + seed + ": " + o.violations() + "\n  reproduce: " + REPRODUCE + seed);
        }
        passes += o.stats().passes();
        crashes += o.stats().crashes();
        throttles += o.stats().throttles();
        writes += o.stats().acceptedWrites();
        if (o.stats().convergedAfter().compareTo(slowest) > 0) {
          slowest = o.stats().convergedAfter();
        }
        worstShare =
            Math.max(
                worstShare,
                (double) o.stats().convergedAfter().toMillis() / o.stats().bound().toMillis());
      }
    }
    System.out.printf(
        "simulation: %d seeds, %d passes, %d controller crashes, %d ECS throttles, %d accepted"
            + " writes; slowest convergence %s after the faults stopped (%.0f%% of its bound);"
            + " %d failing%n",
        seeds.size(),
        passes,
        crashes,
        throttles,
        writes,
        slowest,
        worstShare * 100,
        failures.size());
    failures.stream().limit(20).forEach(System.out::println);
    assertThat(failures).as("seeds that broke an invariant").isEmpty();
  }

  @Test
  void sameSeed_sameTrace() {
    Simulation.Outcome first = new Simulation(42, Simulation.Size.LARGE).run();
    Simulation.Outcome second = new Simulation(42, Simulation.Size.LARGE).run();
    Simulation.Outcome other = new Simulation(43, Simulation.Size.LARGE).run();

    assertThat(second.traceHash()).isEqualTo(first.traceHash());
    assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
    assertThat(first.stats().passes()).isPositive();
  }
}
