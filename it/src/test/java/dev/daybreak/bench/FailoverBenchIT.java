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
import dev.daybreak.lease.LeaseSettings;
import dev.daybreak.lease.ShardLeases;
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
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ScaledClock;
import dev.daybreak.time.ScaledScheduler;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two replicas share a fleet through shard leases; one is killed mid-wake (its lease thread and
 * controller stop, its leases are not released). The survivor must take the dead replica's shards
 * within the lease duration (plus one retry period to notice), the fleet must converge, and the
 * simulator's call log (caller = each replica's app id) must show no environment scaled by both
 * replicas interleaved. Writes {@code target/bench/failover.json}.
 */
@EnabledIfSystemProperty(named = "daybreak.bench", matches = "true")
class FailoverBenchIT {

  private static final int ENVIRONMENTS =
      Integer.getInteger("daybreak.bench.failover.environments", 200);
  private static final double SPEED =
      Double.parseDouble(System.getProperty("daybreak.bench.speed", "20"));
  private static final int SHARDS = 8;

  private final Clock clock = ScaledClock.of(Clock.systemUTC(), SPEED);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);

  /** One replica: its leases ticked on its own thread, and its controller. */
  private final class Replica implements AutoCloseable {
    final String id;
    final ShardLeases leases;
    final SimulatorBackends backends;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Controller controller;
    final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    Replica(String id, EcsSimServer server) {
      this.id = id;
      this.leases = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of(id, SHARDS));
      this.backends = new SimulatorBackends(server, id, SPEED, clock, store, meters);
      this.controller =
          Guice.createInjector(
                  ControllerModule.over(
                      backends,
                      // The backends' scheduler runs on the scaled clock: the resync's period
                      // is in simulated time.
                      new ControllerSettings(ControllerSettings.DEFAULT_RESYNC, 8),
                      leases))
              .getInstance(Controller.class);
      leases.onShareChanged(backends.ecs()::shareQuota);
      long period = ScaledScheduler.realDelay(LeaseSettings.RETRY_PERIOD, SPEED).toMillis();
      ticker.scheduleWithFixedDelay(leases::tick, 0, period, TimeUnit.MILLISECONDS);
      controller.start();
    }

    /** Dies: stops renewing and acting, releases nothing. */
    void kill() {
      ticker.shutdownNow();
      controller.close();
    }

    @Override
    public void close() {
      ticker.shutdownNow();
      controller.close();
      backends.close();
    }
  }

  @Test
  void replicaKilledMidWake_survivorTakesOverWithinTheLeaseDuration_andTheFleetConverges()
      throws Exception {
    EcsSimulator sim =
        new EcsSimulator(
            SimSettings.builder()
                .startLatency(Latency.fixed(Duration.ofSeconds(20)))
                .stopLatency(Latency.fixed(Duration.ofSeconds(5)))
                .callLogLimit(1_000_000)
                .build(),
            clock);
    for (int e = 0; e < ENVIRONMENTS; e++) {
      Manifest m = Manifests.parse("env-" + e + ".yaml", FleetBenchIT.manifest(e)).get(0);
      store.applySpec(m);
      sim.provision(
          m.spec().cluster(), m.spec().services().stream().map(s -> s.ecsService()).toList());
      flip("env-" + e, State.ASLEEP);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("environments", ENVIRONMENTS);
    result.put("shards", SHARDS);
    result.put("clockSpeed", SPEED);
    try (EcsSimServer server = EcsSimServer.start(sim, 0);
        Replica r1 = new Replica("replica-1", server);
        Replica r2 = new Replica("replica-2", server)) {
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  r1.leases.heldShards().size() == SHARDS / 2
                      && r2.leases.heldShards().size() == SHARDS / 2);
      awaitAll(Phase.ASLEEP, Duration.ofMinutes(5));
      sim.clearCalls();

      Instant wakeStart = clock.instant();
      for (int e = 0; e < ENVIRONMENTS; e++) {
        flip("env-" + e, State.AWAKE);
      }
      await()
          .atMost(Duration.ofMinutes(5))
          .until(
              () ->
                  sim.calls().stream().filter(c -> c.op().equals("UpdateService")).count()
                      >= ENVIRONMENTS * 10L * 3 / 10);
      Set<Integer> deadShards = r1.leases.heldShards();
      r1.kill();
      Instant killedAt = clock.instant();
      await().atMost(Duration.ofMinutes(2)).until(() -> r2.leases.heldShards().size() == SHARDS);
      Duration takeOver = Duration.between(killedAt, clock.instant());
      awaitAll(Phase.AWAKE, Duration.ofMinutes(20));
      Duration makespan = Duration.between(wakeStart, clock.instant());

      List<CallRecord> updates =
          sim.calls().stream()
              .filter(c -> c.op().equals("UpdateService") && c.outcome().equals(CallRecord.OK))
              .toList();
      Map<String, List<CallRecord>> byCluster =
          updates.stream().collect(Collectors.groupingBy(c -> c.cluster().orElse("")));
      long interleaved = byCluster.values().stream().filter(FailoverBenchIT::interleaved).count();
      long actedOnByBoth =
          byCluster.values().stream()
              .filter(calls -> calls.stream().map(CallRecord::caller).distinct().count() > 1)
              .count();

      result.put(
          "throttlesSuffered",
          Search.in(r1.meters).name("daybreak.ecs.throttles.suffered").counters().stream()
                  .mapToDouble(c -> c.count())
                  .sum()
              + Search.in(r2.meters).name("daybreak.ecs.throttles.suffered").counters().stream()
                  .mapToDouble(c -> c.count())
                  .sum());
      result.put(
          "ecsRejectedCalls",
          sim.calls().stream().filter(c -> !c.outcome().equals(CallRecord.OK)).count());
      result.put("shardsOfKilledReplica", deadShards.size());
      result.put("takeOverSeconds", takeOver.toMillis() / 1000.0);
      result.put("leaseDurationSeconds", LeaseSettings.LEASE_DURATION.toSeconds());
      result.put("wakeMakespanSeconds", makespan.toMillis() / 1000.0);
      result.put("updateServiceCalls", updates.size());
      result.put("environmentsHandedOverMidWake", actedOnByBoth);
      result.put("environmentsScaledByBothInterleaved", interleaved);
      write(result);

      assertThat(takeOver)
          .isLessThanOrEqualTo(
              LeaseSettings.LEASE_DURATION.plus(LeaseSettings.RETRY_PERIOD.multipliedBy(2)));
      assertThat(interleaved).isZero();
    }
  }

  /** True when the calls alternate between callers (A, B, A): two replicas acting at once. */
  private static boolean interleaved(List<CallRecord> calls) {
    List<String> callers =
        calls.stream().sorted((a, b) -> a.at().compareTo(b.at())).map(CallRecord::caller).toList();
    long switches = 0;
    for (int i = 1; i < callers.size(); i++) {
      if (!callers.get(i).equals(callers.get(i - 1))) {
        switches++;
      }
    }
    return switches > 1;
  }

  private void flip(String env, State state) {
    DesiredRead read = store.desired(env);
    long version = read instanceof DesiredRead.Valid valid ? valid.stored().version() : 0;
    store.writeDesired(
        env,
        DesiredState.of(state, "bench", "failover benchmark", clock.instant()),
        version,
        Via.CLI);
  }

  private void awaitAll(Phase phase, Duration atMost) {
    await()
        .pollInterval(Duration.ofMillis(500))
        .atMost(atMost)
        .until(
            () -> {
              for (int e = 0; e < ENVIRONMENTS; e++) {
                var status = store.status("env-" + e);
                if (status.isEmpty() || status.get().status().phase() != phase) {
                  return false;
                }
              }
              return true;
            });
  }

  private static void write(Map<String, Object> result) throws Exception {
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("failover.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
  }
}
