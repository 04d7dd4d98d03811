package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.TaskView;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import dev.daybreak.time.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The wake benchmark of issue 6, over the same wire protocols as the end-to-end tests (dynalite,
 * the ECS simulator over HTTP, a Slack mock) on the real clock, with task starts of 2–4 s (ECS
 * Fargate's 20–40 s at a tenth). Run it with:
 *
 * <pre>
 * ./mvnw -B verify -pl model,manifests,primitives,ecs-sim,controller,it -Ddaybreak.bench=true -Dit.test=WakeBenchmarkIT
 * </pre>
 *
 * <p>It measures (1) the wake makespan of the seed environment and of a 4-tier environment, woken
 * by daybreak and, concurrently on other clusters of the same simulator, by the seed's strategy
 * (poll every 10 s, scale the next tier when the previous runs), each divided by the ideal: the sum
 * over tiers of the slowest task start in the tier, from the simulator's own task timestamps; and
 * (2) the time from a raw DynamoDB flip of desired state to daybreak's first UpdateService, over
 * {@link #FLIPS} flips made at random moments of the resync period. Results go to {@code
 * it/target/bench/wake-benchmark.{md,json}}.
 */
@ExtendWith(DynaliteExtension.class)
@EnabledIfSystemProperty(named = "daybreak.bench", matches = "true")
class WakeBenchmarkIT {

  static final int FLIPS = 50;
  static final Duration RESYNC = Duration.ofSeconds(1);

  /** Task starts in the benchmark; 2s..4s is Fargate's 20s..40s at a tenth. */
  static final String START_LATENCY = System.getProperty("daybreak.bench.startLatency", "2s..4s");

  /** How long a wake may take: fifteen of the slowest task starts (the 4-tier wake takes ~4). */
  static final Duration WAKE_LIMIT = maxOf(Latency.parse(START_LATENCY)).multipliedBy(15);

  private static final String BASELINE = "seed-baseline";

  /**
   * Common random numbers: each service's task start, drawn once from one seed, for both
   * strategies. The simulator keys per-service latencies by service name, and the two strategies
   * wake clusters with the same service names, so the n-th start of a service takes the same time
   * whichever strategy scaled it (a relaunch takes the same time as the first start). Without this
   * the two drew different times from one shared random stream, in whatever order their calls
   * interleaved, and compared makespans of different worlds.
   */
  static Map<String, Duration> commonStartTimes(long seed, List<String> services) {
    Latency range = Latency.parse(START_LATENCY);
    Random random = new Random(seed);
    Map<String, Duration> starts = new LinkedHashMap<>();
    for (String service : services.stream().distinct().sorted().toList()) {
      starts.put(service, range.sample(random));
    }
    return starts;
  }

  @Test
  void benchmark_wakeMakespanAndFirstActionLatency(Dynalite dynalite) throws Exception {
    List<String> services = new ArrayList<>();
    services.addAll(Envs.replicas(Envs.spec(Envs.seed("seed", "dev", ""))).keySet());
    services.addAll(Envs.replicas(Envs.spec(Envs.fourTiers("four", "dev4"))).keySet());
    SimSettings.Builder common = SimSettings.builder();
    commonStartTimes(2026, services)
        .forEach((service, start) -> common.startLatency(service, Latency.fixed(start)));
    SimSettings sim =
        common
            .seed(2026)
            .startLatency(Latency.parse(START_LATENCY))
            .stopLatency(Latency.parse("200ms..400ms"))
            .startLatency("solo", Latency.fixed(Duration.ofMillis(200)))
            .stopLatency("solo", Latency.fixed(Duration.ofMillis(200)))
            .require("b", "a")
            .require("c", "b")
            .require("d", "b")
            .require("e", "b")
            .require("cache", "db")
            .require("queue", "db")
            .require("api", "cache")
            .require("api", "queue")
            .require("web", "api")
            .require("worker", "api")
            .build();
    Map<String, Object> results = new LinkedHashMap<>();
    try (Stack stack = Stack.start(dynalite, sim);
        EcsClient baselineClient =
            EcsClients.create(EcsEndpoint.simulator(stack.ecs.endpoint()), BASELINE)) {
      String seed = Envs.seed("seed", "dev", "");
      String four = Envs.fourTiers("four", "dev4");
      stack.apply(seed);
      stack.apply(four);
      stack.apply(flipEnvironment());
      stack.sim.provision("base", Envs.replicas(Envs.spec(seed)).keySet());
      stack.sim.provision("base4", Envs.replicas(Envs.spec(four)).keySet());
      stack.startController(RESYNC);

      SeedStrategy strategy = new SeedStrategy(baselineClient, Sleeper.system());
      stack.rawFlip("seed", "AWAKE");
      stack.rawFlip("four", "AWAKE");
      CompletableFuture<Void> baseSeed = baseline(strategy, "base", Envs.spec(seed));
      CompletableFuture<Void> baseFour = baseline(strategy, "base4", Envs.spec(four));
      for (String env : List.of("seed", "four")) {
        await()
            .atMost(WAKE_LIMIT)
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(stack.phase(env)).contains(Phase.AWAKE));
      }
      baseSeed.get(2 * WAKE_LIMIT.toSeconds(), TimeUnit.SECONDS);
      baseFour.get(2 * WAKE_LIMIT.toSeconds(), TimeUnit.SECONDS);

      Envs.assertWokeTierByTier(stack, "dev", Envs.spec(seed));
      Envs.assertWokeTierByTier(stack, "dev4", Envs.spec(four));
      List<Map<String, Object>> wakes = new ArrayList<>();
      wakes.add(wake(stack, "seed", "daybreak", "dev", Envs.spec(seed), EcsClients.APP_ID));
      wakes.add(wake(stack, "seed", "seed strategy", "base", Envs.spec(seed), BASELINE));
      wakes.add(wake(stack, "4-tier", "daybreak", "dev4", Envs.spec(four), EcsClients.APP_ID));
      wakes.add(wake(stack, "4-tier", "seed strategy", "base4", Envs.spec(four), BASELINE));
      results.put("wakes", wakes);

      List<Duration> latencies = flipLatencies(stack);
      results.put("firstAction", firstAction(latencies));
    }
    results.put(
        "settings",
        Map.of(
            "resyncMs", RESYNC.toMillis(),
            "progressRequeueMs", Requeue.PROGRESS.toMillis(),
            "taskStart", START_LATENCY + " (one draw per service, common to both strategies)",
            "seedStrategyPollMs", SeedStrategy.POLL.toMillis(),
            "flips", FLIPS));
    write(results);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> wakes = (List<Map<String, Object>>) results.get("wakes");
    for (int i = 0; i < wakes.size(); i += 2) {
      assertThat((double) wakes.get(i).get("idealMs"))
          .as("both strategies woke the same world (common start times)")
          .isEqualTo((double) wakes.get(i + 1).get("idealMs"));
      assertThat((double) wakes.get(i).get("ratio"))
          .as("daybreak beats the seed's strategy: %s vs %s", wakes.get(i), wakes.get(i + 1))
          .isLessThan((double) wakes.get(i + 1).get("ratio"));
    }
  }

  private static String flipEnvironment() {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: flip
        spec:
          cluster: flip
          services:
            - name: solo
              replicas: 1
        """;
  }

  private static CompletableFuture<Void> baseline(
      SeedStrategy strategy, String cluster, EnvironmentSpec spec) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            strategy.wake(cluster, Envs.tiers(spec), Envs.replicas(spec));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * One wake's figures: makespan from the first UpdateService to the last task RUNNING; the ideal
   * (per tier, the slowest task start, summed); and for daybreak when it declared Awake.
   */
  private static Map<String, Object> wake(
      Stack stack,
      String environment,
      String strategy,
      String cluster,
      EnvironmentSpec spec,
      String caller) {
    Instant first =
        stack.sim.calls().stream()
            .filter(c -> c.op().equals("UpdateService") && c.caller().equals(caller))
            .filter(c -> c.cluster().equals(Optional.of(cluster)))
            .map(CallRecord::at)
            .findFirst()
            .orElseThrow();
    Instant lastRunning = Instant.MIN;
    Duration ideal = Duration.ZERO;
    for (List<String> tier : Envs.tiers(spec)) {
      Duration slowest = Duration.ZERO;
      for (String service : tier) {
        for (TaskView t : stack.tasks(cluster, service)) {
          Instant started = t.startedAt().orElseThrow();
          lastRunning = started.isAfter(lastRunning) ? started : lastRunning;
          Duration start = Duration.between(t.createdAt(), started);
          slowest = start.compareTo(slowest) > 0 ? start : slowest;
        }
      }
      ideal = ideal.plus(slowest);
    }
    Duration makespan = Duration.between(first, lastRunning);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("environment", environment);
    row.put("strategy", strategy);
    row.put("tiers", Envs.tiers(spec).size());
    row.put("idealMs", (double) ideal.toMillis());
    row.put("makespanMs", (double) makespan.toMillis());
    row.put("ratio", round((double) makespan.toMillis() / ideal.toMillis()));
    row.put(
        "handOffOverheadMsPerTier",
        (double) makespan.minus(ideal).toMillis() / Envs.tiers(spec).size());
    if (caller.equals(EcsClients.APP_ID)) {
      Instant awake =
          stack
              .store
              .status(spec.name())
              .orElseThrow()
              .status()
              .condition("Ready")
              .orElseThrow()
              .lastTransitionTime();
      row.put("awakeDeclaredMs", (double) Duration.between(first, awake).toMillis());
    }
    return row;
  }

  /**
   * Flips {@code flip} between AWAKE and ASLEEP {@link #FLIPS} times, each at a random moment of
   * the resync period after the previous flip was acted on, and measures how long each took to
   * reach its first UpdateService (to 1 when waking, to 0 when sleeping).
   */
  private static List<Duration> flipLatencies(Stack stack) throws Exception {
    Random random = new Random(6);
    ScheduledExecutorService flipper = Executors.newSingleThreadScheduledExecutor();
    List<Duration> latencies = new ArrayList<>();
    try {
      for (int i = 0; i < FLIPS; i++) {
        String state = i % 2 == 0 ? "AWAKE" : "ASLEEP";
        int count = i % 2 == 0 ? 1 : 0;
        int before = stack.updates("flip").size();
        Instant flipped =
            flipper
                .schedule(
                    () -> stack.rawFlip("flip", state),
                    random.nextInt((int) RESYNC.toMillis()),
                    TimeUnit.MILLISECONDS)
                .get(10, TimeUnit.SECONDS);
        CallRecord action =
            await()
                .atMost(RESYNC.multipliedBy(5))
                .pollInterval(Duration.ofMillis(10))
                .until(
                    () ->
                        stack.updates("flip").stream()
                            .skip(before)
                            .filter(c -> c.desiredCount().getAsInt() == count)
                            .findFirst(),
                    Optional::isPresent)
                .orElseThrow();
        latencies.add(Duration.between(flipped, action.at()));
      }
    } finally {
      flipper.shutdownNow();
    }
    return latencies;
  }

  private static Map<String, Object> firstAction(List<Duration> latencies) {
    List<Long> ms = latencies.stream().map(Duration::toMillis).sorted().toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("flips", ms.size());
    out.put("p50Ms", percentile(ms, 50));
    out.put("p99Ms", percentile(ms, 99));
    out.put("maxMs", ms.get(ms.size() - 1));
    out.put("goalMs", RESYNC.toMillis() + 500);
    return out;
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  @SuppressWarnings("unchecked")
  private static void write(Map<String, Object> results) throws IOException {
    Path dir =
        Path.of(System.getProperty("daybreak.root", ".."), "it", "target", "bench")
            .toAbsolutePath()
            .normalize();
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("wake-benchmark.json").toFile(), results);
    StringBuilder md = new StringBuilder();
    md.append("| environment | strategy | tiers | ideal (s) | makespan (s) | makespan / ideal |")
        .append(" hand-off overhead per tier (ms) | Awake declared (s) |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> w : (List<Map<String, Object>>) results.get("wakes")) {
      md.append(
          "| %s | %s | %d | %.2f | %.2f | %.2f | %.0f | %s |\n"
              .formatted(
                  w.get("environment"),
                  w.get("strategy"),
                  (int) w.get("tiers"),
                  (double) w.get("idealMs") / 1000,
                  (double) w.get("makespanMs") / 1000,
                  (double) w.get("ratio"),
                  (double) w.get("handOffOverheadMsPerTier"),
                  w.containsKey("awakeDeclaredMs")
                      ? "%.2f".formatted((double) w.get("awakeDeclaredMs") / 1000)
                      : "-"));
    }
    Map<String, Object> first = (Map<String, Object>) results.get("firstAction");
    md.append(
        ("\nFirst UpdateService after a raw DynamoDB flip (%d flips, resync %d ms): p50 %d ms,"
                + " p99 %d ms, max %d ms (goal <= %d ms)\n")
            .formatted(
                (int) first.get("flips"),
                RESYNC.toMillis(),
                (long) first.get("p50Ms"),
                (long) first.get("p99Ms"),
                (long) first.get("maxMs"),
                (long) first.get("goalMs")));
    Files.writeString(dir.resolve("wake-benchmark.md"), md);
    System.out.println(md);
  }

  private static Duration maxOf(Latency latency) {
    return latency instanceof Latency.Uniform u ? u.max() : ((Latency.Fixed) latency).duration();
  }
}
