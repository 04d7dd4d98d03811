package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.Deployment;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.RolloutState;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.model.State;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@code daybreak plan} explains the real planner's plan, as text and as JSON. */
class PlanViewTest {

  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final EnvironmentSpec SEED =
      Manifests.parse(
              "seed.yaml",
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
              """)
          .get(0)
          .spec();

  private static ObservedService service(String name, int desired, int running) {
    return new ObservedService(
        name,
        ServiceStatus.ACTIVE,
        desired,
        running,
        0,
        List.of(
            new Deployment("ecs-svc/1", "PRIMARY", RolloutState.COMPLETED, desired, running, 0, 0)),
        List.of(),
        Optional.empty());
  }

  private static Map<String, ObservedService> allAt(int desired, int running) {
    Map<String, ObservedService> observed = new HashMap<>();
    for (String s : List.of("a", "b", "c", "d", "e")) {
      observed.put(s, service(s, desired, running));
    }
    return observed;
  }

  private static PlanReport wake(Map<String, ObservedService> observed, EnvironmentStatus before) {
    return PlanReport.of(
        SEED,
        DesiredState.of(State.AWAKE, "alice", "demo", NOW),
        "--awake: what if",
        observed,
        before,
        List.of(),
        NOW);
  }

  private static String text(PlanReport report) {
    StringWriter out = new StringWriter();
    PlanView.text(report, UTC, new PrintWriter(out));
    return out.toString();
  }

  @Test
  void text_asleepSeed_showsTheTiers_theFirstTiersCall_andWhatWaitsOnWhat() {
    String text = text(wake(allAt(0, 0), EnvironmentStatus.initial()));

    assertThat(text)
        .startsWith(
            "environment/seed (cluster dev) at Mon 2026-11-30 08:00 UTC: a plan only; nothing is"
                + " written, ECS is only described\n"
                + "desired: AWAKE (--awake: what if)\n"
                + "status:  Asleep as last written; after the next pass: Waking, tier 0\n"
                + "tiers:   0: a | 1: b | 2: c, d, e\n")
        .contains(
            "0      a         -            0         0         1        UpdateService desiredCount 1:"
                + " it depends on nothing\n")
        .contains(
            "1      b         a            0         0         3        waits for a to be ready\n")
        .contains(
            "2      d         b            0         0         7        waits for b to be ready\n")
        .contains(
            "next pass: 1 call(s)\n"
                + "  UpdateService cluster dev service a desiredCount 1 (tier 0): it depends on"
                + " nothing; b wait(s) for it\n"
                + "then: tier 1 (b) once tier 0 is ready; tier 2 (c, d, e) once tier 1 is ready\n"
                + "the controller looks again in 1s\n")
        .contains("schedule: none in the coming week")
        .endsWith(
            "wake duration: about 3m30s, estimated from the manifest (no wake measured yet)\n");
  }

  @Test
  void text_tierZeroReady_callsTheNextTierWithItsReason() {
    Map<String, ObservedService> observed = allAt(0, 0);
    observed.put("a", service("a", 1, 1));

    String text = text(wake(observed, EnvironmentStatus.initial()));

    assertThat(text)
        .contains("0      a         -            1         1         1        ready\n")
        .contains(
            "  UpdateService cluster dev service b desiredCount 3 (tier 1): a is ready; c, d, e"
                + " wait(s) for it\n");
  }

  @Test
  void text_measuredWakes_estimateTheirP90_andTheTimeLeftOfTheWakeUnderWay() {
    EnvironmentStatus before =
        wake(allAt(0, 0), EnvironmentStatus.initial())
            .plan()
            .status()
            .withWakeDurations(
                List.of(Duration.ofSeconds(100), Duration.ofSeconds(120), Duration.ofSeconds(90)));
    PlanReport later =
        PlanReport.of(
            SEED,
            DesiredState.of(State.AWAKE, "alice", "demo", NOW),
            "the schedule",
            allAt(0, 0),
            before,
            List.of(),
            NOW.plusSeconds(30));

    assertThat(PlanView.estimate(later))
        .isEqualTo(
            "about 2m, the p90 of the last 3 measured wake(s); this wake started 30s ago, about"
                + " 90s to go");
  }

  @Test
  void text_sleepOfAnAwakeSeed_stopsDependentsFirst() {
    PlanReport sleep =
        PlanReport.of(
            SEED,
            DesiredState.of(State.ASLEEP, "alice", "night", NOW),
            "--asleep: what if",
            allAt(1, 1),
            EnvironmentStatus.initial(),
            List.of(),
            NOW);

    assertThat(sleep.calls())
        .extracting(c -> c.ecsService() + "=" + c.desiredCount() + ": " + c.reason())
        .containsExactly(
            "c=0: nothing depends on it",
            "d=0: nothing depends on it",
            "e=0: nothing depends on it");
    assertThat(text(sleep))
        .contains(
            "1      b         a            1         1         0        waits for c, d, e to stop\n")
        .contains("then: tier 1 (b) once tier 2 has stopped; tier 0 (a) once tier 1 has stopped\n");
  }

  @Test
  void tree_hasTheCallsTiersAndServices_forScripts_andNoWrites() {
    JsonNode tree = PlanView.tree(wake(allAt(0, 0), EnvironmentStatus.initial()));

    assertThat(tree.path("environment").asText()).isEqualTo("seed");
    assertThat(tree.path("tiers").toString()).isEqualTo("[[\"a\"],[\"b\"],[\"c\",\"d\",\"e\"]]");
    assertThat(tree.path("calls")).hasSize(1);
    assertThat(tree.path("calls").get(0).path("ecsService").asText()).isEqualTo("a");
    assertThat(tree.path("calls").get(0).path("desiredCount").asInt()).isEqualTo(1);
    assertThat(tree.path("calls").get(0).path("reason").asText())
        .isEqualTo("it depends on nothing");
    assertThat(tree.path("services").get(1).path("waitsFor").toString()).isEqualTo("[\"a\"]");
    assertThat(tree.path("after").path("phase").asText()).isEqualTo("Waking");
    assertThat(tree.path("wakeEstimate").path("basis").asText()).isEqualTo("manifest");
    assertThat(tree.path("writes").asInt()).isZero();
  }
}
