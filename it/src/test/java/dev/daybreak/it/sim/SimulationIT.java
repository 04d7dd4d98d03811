package dev.daybreak.it.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.LongStream;
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
      "./mvnw -B verify -pl model,manifests,primitives,ecs-sim,controller,it -Dit.test=SimulationIT -Ddaybreak.sim.seed=";

  /**
   * Every how many seeds with Slack faults the Slack-healthy twin runs too (always for a single
   * seed): a twin doubles a seed's cost, and the check that only outboxes call Slack runs on all.
   */
  private static final int TWIN_EVERY = 4;

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
    boolean alone = !single.isBlank();
    List<SeedResult> results = runAll(seeds, seed -> run(seed, alone));
    List<String> failures = new ArrayList<>();
    Totals totals = new Totals();
    for (SeedResult r : results) {
      r.outcomes().forEach(o -> totals.add(o.stats()));
      totals.twins += r.twins();
      if (!r.violations().isEmpty()) {
        failures.add(
            "seed " + r.seed() + ": " + r.violations() + "\n  reproduce: " + REPRODUCE + r.seed());
      }
    }
    System.out.println(totals.report(seeds.size(), failures.size()));
    failures.stream().limit(20).forEach(System.out::println);
    assertThat(failures).as("seeds that broke an invariant").isEmpty();
  }

  /** What one seed's runs found. */
  private record SeedResult(
      long seed, List<Simulation.Outcome> outcomes, int twins, List<String> violations) {}

  /** Runs one seed (in a larger world too when it runs alone), with its twin where due. */
  private static SeedResult run(long seed, boolean alone) {
    List<Simulation.Size> sizes = new ArrayList<>(List.of(Simulation.Size.SMALL));
    if (alone) {
      sizes.add(Simulation.Size.LARGE);
    }
    List<Simulation.Outcome> outcomes = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    int twins = 0;
    for (Simulation.Size size : sizes) {
      Simulation.Outcome o;
      try {
        o = new Simulation(seed, size, false, alone).run();
      } catch (RuntimeException e) {
        violations.add("the run threw " + e);
        break;
      }
      outcomes.add(o);
      violations.addAll(o.violations());
      if (o.ok() && o.stats().slackFaults() && (alone || seed % TWIN_EVERY == 0)) {
        // (6) The same seed with Slack answering every call at once acts on ECS identically.
        Simulation.Outcome twin = new Simulation(seed, size, true, false).run();
        twins++;
        firstDifference(o.actions(), twin.actions())
            .ifPresent(
                d -> violations.add("(6) ECS actions differ from the Slack-healthy twin: " + d));
      }
    }
    return new SeedResult(seed, outcomes, twins, violations);
  }

  /**
   * Runs the seeds on as many threads as there are processors (each run is single-threaded and
   * shares nothing), and returns the results in seed order.
   */
  private static List<SeedResult> runAll(List<Long> seeds, Function<Long, SeedResult> run) {
    int threads = Math.max(1, Math.min(seeds.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SeedResult>> futures = new ArrayList<>();
      for (long seed : seeds) {
        futures.add(pool.submit(() -> run.apply(seed)));
      }
      List<SeedResult> results = new ArrayList<>();
      for (Future<SeedResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running seeds", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a seed's run threw", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static java.util.Optional<String> firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "(none)";
      String y = i < b.size() ? b.get(i) : "(none)";
      if (!x.equals(y)) {
        return java.util.Optional.of("action " + i + ": " + x + " vs healthy " + y);
      }
    }
    return java.util.Optional.empty();
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

  @Test
  void sameSeed_withTwoReplicasSchedulesAndSlackFaults_sameTraceAndActions() {
    long seed =
        LongStream.rangeClosed(1, 200)
            .filter(
                s -> {
                  Simulation.Stats st =
                      new Simulation(s, Simulation.Size.SMALL, false, false).run().stats();
                  return st.replicas() == 2
                      && st.scheduled()
                      && st.slackFaults()
                      && st.pauses() > 0
                      && st.clockJumps() > 0;
                })
            .findFirst()
            .orElseThrow();

    Simulation.Outcome first = new Simulation(seed, Simulation.Size.SMALL).run();
    Simulation.Outcome second = new Simulation(seed, Simulation.Size.SMALL).run();

    assertThat(second.traceHash()).isEqualTo(first.traceHash());
    assertThat(second.actions()).isEqualTo(first.actions()).isNotEmpty();
  }

  /** Sums over all seeds, for the report line. */
  private static final class Totals {
    long passes;
    long crashes;
    long pauses;
    long slackHangs;
    long clockJumps;
    long wallSteps;
    long throttles;
    long turnsWaited;
    long heldInLine;
    long rateLimited;
    long slackDelivered;
    long slackGivenUp;
    long writes;
    long chatOpsWrites;
    long staleRejected;
    long twoReplicaSeeds;
    long scheduledSeeds;
    long twins;
    long checked;
    long healthyReadiness;
    long healthFaults;
    long readinessChecks;
    long scalable;
    long suspendedAlready;
    long boundsCalls;
    long badDeployments;
    long failedRollouts;
    long rolloutChecks;
    Duration slowest = Duration.ZERO;
    double worstShare;

    void add(Simulation.Stats s) {
      passes += s.passes();
      crashes += s.crashes();
      pauses += s.pauses();
      slackHangs += s.slackHangs();
      clockJumps += s.clockJumps();
      wallSteps += s.wallSteps();
      throttles += s.throttles();
      turnsWaited += s.turnsWaited();
      heldInLine += s.heldInLine();
      rateLimited += s.slackRateLimited();
      slackDelivered += s.slackDelivered();
      slackGivenUp += s.slackGivenUp();
      writes += s.acceptedWrites();
      chatOpsWrites += s.chatOpsWrites();
      staleRejected += s.staleStatusWritesRejected();
      twoReplicaSeeds += s.replicas() > 1 ? 1 : 0;
      scheduledSeeds += s.scheduled() ? 1 : 0;
      checked += s.health().checkedServices();
      healthyReadiness += s.health().healthyReadiness();
      healthFaults += s.health().healthFaults();
      readinessChecks += s.health().readinessChecks();
      scalable += s.health().scalableTargets();
      suspendedAlready += s.health().suspendedAlready();
      boundsCalls += s.health().boundsCalls();
      badDeployments += s.health().badDeployments();
      failedRollouts += s.health().failedRollouts();
      rolloutChecks += s.health().rolloutChecks();
      if (s.convergedAfter().compareTo(slowest) > 0) {
        slowest = s.convergedAfter();
      }
      worstShare =
          Math.max(worstShare, (double) s.convergedAfter().toMillis() / s.bound().toMillis());
    }

    String report(int seeds, int failing) {
      return String.format(
          "simulation: %d seeds (%d with two leased replicas, %d with schedules, %d Slack-healthy"
              + " twins), %d passes, %d controller crashes, %d replica pauses, %d clock jumps, %d"
              + " replica wall-clock steps, %d"
              + " ECS throttles, %d UpdateService turns waited for, %d passes held in the"
              + " admission line, %d Slack 429s, %d hung Slack calls (%d Slack calls delivered, %d messages given up and counted by"
              + " live outboxes), %d accepted writes (%d through chat-ops), %d stale"
              + " status writes rejected; slowest convergence %s after the faults stopped or the"
              + " effective state last changed (%.0f%% of its bound); %d services with health"
              + " checks (%d readiness: healthy), %d health faults, %d scale-ups judged by a"
              + " dependency's target or container health; %d scalable targets (%d suspended"
              + " already), %d RegisterScalableTarget calls; %d bad deployments, %d FAILED"
              + " rollouts observed, %d status writes checked against one; %d failing",
          seeds,
          twoReplicaSeeds,
          scheduledSeeds,
          twins,
          passes,
          crashes,
          pauses,
          clockJumps,
          wallSteps,
          throttles,
          turnsWaited,
          heldInLine,
          rateLimited,
          slackHangs,
          slackDelivered,
          slackGivenUp,
          writes,
          chatOpsWrites,
          staleRejected,
          slowest,
          worstShare * 100,
          checked,
          healthyReadiness,
          healthFaults,
          readinessChecks,
          scalable,
          suspendedAlready,
          boundsCalls,
          badDeployments,
          failedRollouts,
          rolloutChecks,
          failing);
    }
  }
}
