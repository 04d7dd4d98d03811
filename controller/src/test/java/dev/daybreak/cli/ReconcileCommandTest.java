package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.Conditions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code reconcile --once}: what a cron job or a scheduled Lambda learns from its exit code. */
class ReconcileCommandTest {

  private static final String SHOP =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
      """;

  // Loopback and never called: an unusable desired item is neither observed nor acted on.
  private static final String UNUSED_ECS = "http://127.0.0.1:9";

  private final Cli cli = new Cli();

  @BeforeEach
  void shopApplied() {
    cli.store.applySpec(Manifests.parse("shop.yaml", SHOP).get(0));
  }

  @Test
  void reconcileOnce_desiredItemUnusable_exitsOneAndSaysWhatIsWrongAndHowToFixIt() {
    cli.store.updateDesiredByHand(
        "shop", Map.of("state", AttributeValue.fromS("AWAKEN")), Set.of());

    Cli.Result result = cli.memory("reconcile", "--once", "--ecs-endpoint", UNUSED_ECS);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PROBLEM);
    assertThat(result.out())
        .startsWith("shop: " + Conditions.DESIRED_STATE_INVALID + " (")
        .contains("'AWAKEN'")
        .contains("AWAKE or ASLEEP");
    assertThat(cli.store.status("shop").orElseThrow().status().condition(Conditions.DEGRADED))
        .isEmpty();
  }

  @Test
  void reconcileOnce_desiredItemFixedByHand_exitsZeroAgain() throws Exception {
    cli.store.updateDesiredByHand(
        "shop", Map.of("state", AttributeValue.fromS("AWAKEN")), Set.of());
    cli.memory("reconcile", "--once", "--ecs-endpoint", UNUSED_ECS);
    cli.store.updateDesiredByHand(
        "shop", Map.of("state", AttributeValue.fromS("ASLEEP")), Set.of());
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), Clock.systemUTC());
    sim.provision("dev", List.of("a"));

    Cli.Result result;
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      String endpoint = server.endpoint().toString();
      result =
          cli.memory(
              "reconcile",
              "--once",
              "--env",
              "shop",
              "--ecs-endpoint",
              endpoint,
              "--region",
              "us-east-1");
    }

    assertThat(result.out()).startsWith("shop: Asleep").doesNotContain("DesiredStateInvalid");
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
  }
}
