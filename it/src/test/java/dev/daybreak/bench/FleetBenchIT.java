package dev.daybreak.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Guice;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.runtime.ControllerModule;
import dev.daybreak.runtime.SimulatorBackends;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ScaledClock;
import dev.daybreak.time.ScaledScheduler;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fleet benchmark: N environments (default 1,000) of 10 services in 4 tiers on the ECS
 * simulator with ECS's throttling buckets, one controller, on a clock scaled by {@code speed}
 * (default 20). All flip to AWAKE at once, then to ASLEEP. Writes {@code target/bench/fleet.json}
 * and {@code fleet.md}. Run it with the command in it/README.md ("Fleet benchmark").
 */
@EnabledIfSystemProperty(named = "daybreak.bench", matches = "true")
class FleetBenchIT {

  private static final int ENVIRONMENTS = Integer.getInteger("daybreak.bench.environments", 1000);
  private static final double SPEED =
      Double.parseDouble(System.getProperty("daybreak.bench.speed", "20"));
  private static final int WORKERS = Integer.getInteger("daybreak.bench.workers", 16);
  private static final int SERVICES = 10;

  /** ECS's UpdateService refill rate (per second), the bound on any fleet-wide flip. */
  private static final double UPDATE_RATE = 5.0;

  /** Tier of each of the 10 services: 2, 3, 3 and 2 services in tiers 0..3. */
  private static final int[] TIER = {0, 0, 1, 1, 1, 2, 2, 2, 3, 3};

  private final Clock clock = ScaledClock.of(Clock.systemUTC(), SPEED);
  private final InMemoryStateStore raw = new InMemoryStateStore(clock);
  private final CountingStore store = new CountingStore(raw);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  static String manifest(int env) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: env-")
        .append(env)
        .append("\nspec:\n  cluster: cluster-")
        .append(env)
        .append("\n  services:\n");
    for (int s = 0; s < SERVICES; s++) {
      yaml.append("    - name: s").append(s).append("\n      replicas: 1\n");
      if (TIER[s] > 0) {
        int dependency = firstOfTier(TIER[s] - 1);
        yaml.append("      dependsOn: [s").append(dependency).append("]\n");
      }
    }
    return yaml.toString();
  }

  private static int firstOfTier(int tier) {
    for (int s = 0; s < SERVICES; s++) {
      if (TIER[s] == tier) {
        return s;
      }
    }
    throw new IllegalArgumentException("no tier " + tier);
  }

  @Test
  void fleet_wakesAndSleeps_withinTheQuotaBound() throws Exception {
    EcsSimulator sim =
        new EcsSimulator(
            SimSettings.builder()
                .startLatency(Latency.fixed(Duration.ofSeconds(20)))
                .stopLatency(Latency.fixed(Duration.ofSeconds(5)))
                .callLogLimit(2_000_000)
                .build(),
            clock);
    for (int e = 0; e < ENVIRONMENTS; e++) {
      Manifest m = Manifests.parse("env-" + e + ".yaml", manifest(e)).get(0);
      raw.applySpec(m);
      sim.provision(
          m.spec().cluster(), m.spec().services().stream().map(s -> s.ecsService()).toList());
      flip("env-" + e, State.ASLEEP);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("environments", ENVIRONMENTS);
    result.put("servicesPerEnvironment", SERVICES);
    result.put("tiers", 4);
    result.put("clockSpeed", SPEED);
    result.put("workers", WORKERS);

    try (EcsSimServer server = EcsSimServer.start(sim, 0);
        SimulatorBackends backends =
            new SimulatorBackends(server, "bench", SPEED, clock, store, meters);
        Controller controller =
            Guice.createInjector(
                    new ControllerModule(
                        backends,
                        new ControllerSettings(
                            ScaledScheduler.realDelay(ControllerSettings.DEFAULT_RESYNC, SPEED),
                            WORKERS)))
                .getInstance(Controller.class)) {
      controller.start();
      awaitAll(Phase.ASLEEP, Duration.ofMinutes(10));
      resetPeaks();
      long cpuStart = cpuNanos();

      Instant idleStart = clock.instant();
      CountingStore.Counts before = store.counts();
      await()
          .pollDelay(Duration.ofSeconds(1))
          .atMost(Duration.ofMinutes(1))
          .until(() -> Duration.between(idleStart, clock.instant()).toSeconds() >= 120);
      result.put("storeIdle", perMinute(store.counts().minus(before), idleStart));

      sim.clearCalls();
      Map<String, Object> wake = operation(State.AWAKE, Phase.AWAKE, sim);
      result.put("wake", wake);
      sim.clearCalls();
      Map<String, Object> sleep = operation(State.ASLEEP, Phase.ASLEEP, sim);
      result.put("sleep", sleep);

      result.put("quotaBoundSeconds", ENVIRONMENTS * SERVICES / UPDATE_RATE);
      result.put("throttlesAvoided", count("daybreak.ecs.throttles.avoided"));
      result.put("throttlesSuffered", count("daybreak.ecs.throttles.suffered"));
      result.put(
          "passesFailed",
          Search.in(meters)
              .name("daybreak.reconcile.duration")
              .tag("outcome", "error")
              .timers()
              .stream()
              .mapToLong(t -> t.count())
              .sum());
      result.put("heapPeakMiB", heapPeakBytes() / (1024 * 1024));
      result.put("cpuSeconds", (cpuNanos() - cpuStart) / 1e9);
    }
    write(result);
    assertThat((long) result.get("passesFailed")).as("throttles never surface").isZero();
  }

  private Map<String, Object> operation(State state, Phase phase, EcsSimulator sim) {
    Instant start = clock.instant();
    CountingStore.Counts before = store.counts();
    for (int e = 0; e < ENVIRONMENTS; e++) {
      flip("env-" + e, state);
    }
    awaitAll(phase, Duration.ofMinutes(30));
    Instant end = clock.instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("makespanSeconds", Duration.between(start, end).toMillis() / 1000.0);
    out.put("store", perMinute(store.counts().minus(before), start));
    List<CallRecord> calls = sim.calls();
    Map<String, Long> ok =
        calls.stream()
            .filter(c -> c.outcome().equals(CallRecord.OK))
            .collect(Collectors.groupingBy(CallRecord::op, TreeMap::new, Collectors.counting()));
    Map<String, Long> rejected =
        calls.stream()
            .filter(c -> !c.outcome().equals(CallRecord.OK))
            .collect(
                Collectors.groupingBy(CallRecord::outcome, TreeMap::new, Collectors.counting()));
    out.put("ecsCalls", ok);
    out.put("ecsRejected", rejected);
    long updates = ok.getOrDefault("UpdateService", 0L);
    out.put("updateServiceVsMinimum", updates / (double) (ENVIRONMENTS * SERVICES));
    out.put(
        "describeServicesPerEnvironmentTier",
        ok.getOrDefault("DescribeServices", 0L) / (double) (ENVIRONMENTS * 4));
    return out;
  }

  private Map<String, Object> perMinute(CountingStore.Counts counts, Instant since) {
    double minutes = Duration.between(since, clock.instant()).toMillis() / 60_000.0;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("simulatedMinutes", minutes);
    out.put("readsPerMinute", counts.reads() / minutes);
    out.put("scansPerMinute", counts.scans() / minutes);
    out.put("writesPerMinute", counts.writes() / minutes);
    return out;
  }

  private void flip(String env, State state) {
    DesiredRead read = raw.desired(env);
    long version = read instanceof DesiredRead.Valid valid ? valid.stored().version() : 0;
    raw.writeDesired(
        env, DesiredState.of(state, "bench", "fleet benchmark", clock.instant()), version, Via.CLI);
  }

  private void awaitAll(Phase phase, Duration atMost) {
    await()
        .pollInterval(Duration.ofMillis(500))
        .atMost(atMost)
        .until(
            () -> {
              for (int e = 0; e < ENVIRONMENTS; e++) {
                var status = raw.status("env-" + e);
                if (status.isEmpty() || status.get().status().phase() != phase) {
                  return false;
                }
              }
              return true;
            });
  }

  private double count(String name) {
    return Search.in(meters).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long heapPeakBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void write(Map<String, Object> result) throws Exception {
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(dir.resolve("fleet.json"), json.writeValueAsString(result));
    StringBuilder table = new StringBuilder("| measure | value |\n|---|---|\n");
    flatten("", result, table);
    Files.writeString(dir.resolve("fleet.md"), table.toString());
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, StringBuilder table) {
    map.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> m) {
            flatten(prefix + k + ".", (Map<String, Object>) m, table);
          } else {
            table.append("| ").append(prefix).append(k).append(" | ").append(v).append(" |\n");
          }
        });
  }
}
