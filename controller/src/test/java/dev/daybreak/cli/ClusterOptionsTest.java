package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.CloudWatchMock;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.store.Via;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --clusters} on {@code reconcile --once} (and {@code run}, which shares the mixin). */
class ClusterOptionsTest {

  private static final String ON_PROD =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: prod
        services:
          - {name: a, replicas: 1}
      """;

  // Loopback and never called: the only environment is on a cluster that is not allowed.
  private static final String UNUSED_ECS = "http://127.0.0.1:9";

  private final Cli cli = new Cli();

  @BeforeEach
  void shopRequestedAwake() {
    cli.store.applySpec(Manifests.parse("shop.yaml", ON_PROD).get(0));
    cli.store.writeDesired(
        "shop", DesiredState.of(State.AWAKE, "alice", "test", Cli.NOW), 0, Via.CLI);
  }

  @Test
  void reconcileOnce_clusterNotListed_exitsOneAndLeavesADegradedStatusNamingTheList() {
    Cli.Result result =
        cli.memory(
            "reconcile", "--once", "--clusters", "dev,staging", "--ecs-endpoint", UNUSED_ECS);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PROBLEM);
    assertThat(result.out()).contains("shop: Degraded");
    assertThat(
            cli.store
                .status("shop")
                .orElseThrow()
                .status()
                .condition(Conditions.DEGRADED)
                .orElseThrow())
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo(ClusterAllowlist.REASON_CLUSTER_NOT_ALLOWED);
              assertThat(c.message()).contains("allowed: dev,staging");
            });
  }

  @Test
  void reconcileOnce_metricsNamespace_publishesTheDegradedCountBeforeItExits() {
    try (CloudWatchMock cloudWatch = new CloudWatchMock()) {
      Cli.Result result =
          cli.memory(
              "reconcile",
              "--once",
              "--clusters",
              "dev",
              "--ecs-endpoint",
              UNUSED_ECS,
              "--region",
              "us-east-1",
              "--metrics-namespace",
              "Daybreak",
              "--cloudwatch-endpoint",
              cloudWatch.endpoint().toString());

      assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PROBLEM);
      assertThat(cloudWatch.putMetricData())
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.path("Namespace").asText()).isEqualTo("Daybreak");
                assertThat(request.path("MetricData").get(0).path("MetricName").asText())
                    .isEqualTo("DegradedEnvironments");
                assertThat(request.path("MetricData").get(0).path("Value").asDouble())
                    .isEqualTo(1.0);
              });
    }
  }

  @Test
  void reconcileOnce_badClusterName_isAUsageErrorNamingTheOptionAndWritesNothing() {
    Cli.Result result =
        cli.memory("reconcile", "--once", "--clusters", "dev,no/pe", "--ecs-endpoint", UNUSED_ECS);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--clusters", "'no/pe'");
    assertThat(cli.store.status("shop")).isEmpty();
  }

  @Test
  void runHelp_documentsClustersAndItsVariable() {
    Cli.Result result = cli.run("run", "--help");

    assertThat(result.out()).contains("--clusters", ClusterAllowlist.VARIABLE);
  }
}
