package dev.daybreak.statuspage;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.State;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.time.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A status page over a real in-memory store and the ECS simulator (through its in-process gateway,
 * the same one the sandbox uses), with two environments applied: {@code seed} (three tiers, label
 * team=shop) and {@code pay} (one service, label team=pay, a Tokyo schedule).
 */
final class Fixture {

  static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: seed, labels: {team: shop}}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
          - {name: b, replicas: 2, dependsOn: [a]}
          - {name: c, replicas: 1, dependsOn: [b]}
          - {name: d, replicas: 1, dependsOn: [b]}
      """;

  static final String PAY =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: pay, labels: {team: pay}}
      spec:
        cluster: dev
        schedule:
          timeZone: Asia/Tokyo
          windows:
            - {wakeAt: "08:00", sleepAt: "20:00", days: MON-FRI}
        services:
          - {name: api, replicas: 1}
      """;

  /** Monday 2026-11-30 10:00 in Tokyo. */
  static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final InMemoryStateStore store = new InMemoryStateStore(clock);
  final EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
  final StatusPage page;

  Fixture(boolean live) {
    sim.provision("dev", List.of("a", "b", "c", "d", "api"));
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    store.applySpec(Manifests.parse("pay.yaml", PAY).get(0));
    page =
        new StatusPage(
            store,
            new SimEcsGateway(sim, GatewaySettings.defaults(), Sleeper.system()),
            clock,
            Calendars.builtIn(),
            SavingsSource.NONE,
            live);
  }

  /** Writes seed's status: waking, tier 2 (b) in progress, a ready. */
  void seedWakingTierTwo() {
    store.writeStatus(
        "seed",
        new EnvironmentStatus(
            1,
            Phase.WAKING,
            Optional.of(State.AWAKE),
            1,
            Map.of(
                "a", new ServiceReadiness(0, true, 1, 1, 1, 0, Optional.empty()),
                "b", new ServiceReadiness(1, false, 2, 2, 1, 0, Optional.of(NOW)),
                "c", new ServiceReadiness(2, false, 1, 0, 0, 0, Optional.empty()),
                "d", new ServiceReadiness(2, false, 1, 0, 0, 0, Optional.empty())),
            List.of(),
            Map.of(),
            1,
            Optional.of(NOW)),
        store.status("seed").map(s -> s.version()).orElse(0L));
  }
}
