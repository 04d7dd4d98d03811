package dev.daybreak.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DryRunStateStore;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real reconciler on the dry-run decorators: the in-memory store and the ECS simulator over
 * HTTP through the SDK gateway are read; nothing is written to either.
 */
class DryRunLoopTest {

  private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");
  private static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: seed}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
          - {name: b, replicas: 3, dependsOn: [a]}
          - {name: c, replicas: 1, dependsOn: [b]}
          - {name: d, replicas: 7, dependsOn: [b]}
          - {name: e, replicas: 1, dependsOn: [b]}
      """;

  private final VirtualClock clock = VirtualClock.startingAt(T0);
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private InMemoryStateStore real;
  private EcsSimulator sim;
  private EcsSimServer server;
  private SdkEcsGateway ecs;
  private WouldBeCalls calls;
  private DryRunStateStore dry;
  private EnvironmentReconciler reconciler;

  @BeforeEach
  void start() throws IOException {
    sim =
        new EcsSimulator(
            SimSettings.builder()
                .seed(3)
                .startLatency(Latency.fixed(Duration.ofSeconds(20)))
                .require("b", "a")
                .build(),
            clock);
    sim.provision("dev", List.of("a", "b", "c", "d", "e"));
    server = EcsSimServer.start(sim, 0);
    ecs =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            ElbClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            d -> clock.advance(d));
    real = new InMemoryStateStore(clock);
    real.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    real.writeDesired("seed", DesiredState.of(State.AWAKE, "alice", "try it", T0), 0, Via.CLI);
    dry = DryRunStateStore.over(real, clock, key -> {});
    calls = new WouldBeCalls(dry, clock, call -> lines.add(call.line()));
    reconciler =
        EnvironmentReconciler.builder(
                dry,
                new DryRunEcsGateway(ecs, calls),
                new DryRunNotifier(lines::add, Optional.empty()),
                clock)
            .build();
  }

  @AfterEach
  void stop() {
    ecs.close();
    server.close();
  }

  private void passes(int n) {
    for (int i = 0; i < n; i++) {
      reconciler.reconcile("seed");
      clock.advance(Duration.ofSeconds(1));
    }
  }

  private List<CallRecord> updates() {
    return sim.calls().stream().filter(c -> c.op().equals("UpdateService")).toList();
  }

  private void someoneScales(String service, int count) {
    sim.updateService(
        "someone-else",
        Optional.of("dev"),
        service,
        OptionalInt.of(count),
        Optional.empty(),
        false);
  }

  @Test
  void dryRun_manyPasses_announceTierZeroOnce_callNothing_andWriteNothing() {
    List<AuditEntry> auditBefore = real.audit("seed", 100);

    passes(10);

    assertThat(updates()).isEmpty();
    assertThat(calls.announced()).hasSize(1);
    assertThat(calls.repeats()).isEqualTo(9);
    assertThat(lines)
        .filteredOn(l -> l.contains("would scale"))
        .containsExactly(
            "[seed] would scale a to 1: it depends on nothing (dry run: not done, so b waits for a"
                + " to wake and this dry run cannot see them move unless someone else scales it)");
    assertThat(real.status("seed")).isEmpty();
    assertThat(real.audit("seed", 100)).isEqualTo(auditBefore);
    assertThat(dry.status("seed").map(s -> s.status().phase())).contains(Phase.WAKING);
    assertThat(dry.status("seed").map(s -> s.status().currentTier())).contains(0);
  }

  @Test
  void dryRun_followsTheWorld_announcingEachNextCallOnce_withItsReason() {
    passes(3);
    someoneScales("a", 1);
    clock.advance(Duration.ofSeconds(25));
    passes(5);
    someoneScales("b", 3);
    clock.advance(Duration.ofSeconds(25));
    passes(5);

    assertThat(updates().stream().filter(c -> c.caller().equals(EcsClients.APP_ID)).toList())
        .isEmpty();
    assertThat(calls.announced())
        .extracting(c -> c.ecsService() + "=" + c.desiredCount() + ": " + c.reason())
        .containsExactly(
            "a=1: it depends on nothing",
            "b=3: a is ready",
            "c=1: b is ready",
            "d=7: b is ready",
            "e=1: b is ready");
    assertThat(real.status("seed")).isEmpty();
  }

  @Test
  void dryRun_statusInItsHead_givesWayToARealStatusWrittenMeanwhile() {
    passes(2);
    StoredStatus head = dry.status("seed").orElseThrow();

    StoredStatus written = real.writeStatus("seed", head.status(), 0);

    assertThat(dry.status("seed")).contains(written);
    passes(1);
    assertThat(real.status("seed")).contains(written);
  }
}
