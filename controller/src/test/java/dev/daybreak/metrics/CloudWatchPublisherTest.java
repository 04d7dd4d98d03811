package dev.daybreak.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's Degraded gauge reaches CloudWatch as deploy/'s alarm reads it: the real SDK
 * client against a loopback mock that decodes the CBOR the client really sends.
 */
class CloudWatchPublisherTest {

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

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final CloudWatchMock cloudWatch = new CloudWatchMock();
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final ReconcileMetrics metrics = new ReconcileMetrics(new SimpleMeterRegistry());

  @AfterEach
  void stop() {
    cloudWatch.close();
  }

  private CloudWatchPublisher publisher() {
    return CloudWatchPublisher.fromEnvironment(
            Map.of(
                CloudWatchPublisher.NAMESPACE_VARIABLE,
                CloudWatchPublisher.DEFAULT_NAMESPACE,
                CloudWatchPublisher.ENDPOINT_VARIABLE,
                cloudWatch.endpoint().toString()),
            Optional.empty(),
            () -> metrics.environmentsIn(Phase.DEGRADED),
            clock)
        .orElseThrow();
  }

  /** Reconciles an environment on a cluster the controller may not act on: it turns Degraded. */
  private void shopTurnsDegraded() {
    store.applySpec(Manifests.parse("shop.yaml", ON_PROD).get(0));
    store.writeDesired(
        "shop", DesiredState.of(State.AWAKE, "alice", "test", clock.instant()), 0, Via.CLI);
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    EnvironmentReconciler.builder(
            store,
            new SimEcsGateway(sim, GatewaySettings.defaults(), Sleeper.system()),
            new LogNotifier(),
            clock)
        .settings(
            new ControllerSettings(Duration.ofSeconds(5), 1, Optional.empty(), Calendars.builtIn())
                .withClusters(ClusterAllowlist.of(List.of("dev"))))
        .metrics(metrics)
        .build()
        .reconcile("shop");
    assertThat(store.status("shop").orElseThrow().status().phase()).isEqualTo(Phase.DEGRADED);
  }

  @Test
  void start_thenAnEnvironmentTurnsDegraded_nextPeriodPublishesOneInDaybreaksNamespace() {
    try (CloudWatchPublisher publisher = publisher()) {
      publisher.start(scheduler);
      scheduler.advance(Duration.ZERO);
      await().until(() -> cloudWatch.putMetricData().size() == 1);

      shopTurnsDegraded();
      scheduler.advance(CloudWatchPublisher.PERIOD);
      await().until(() -> cloudWatch.putMetricData().size() == 2);
    }

    List<JsonNode> sent = cloudWatch.putMetricData();
    assertThat(sent)
        .allSatisfy(r -> assertThat(r.path("Namespace").asText()).isEqualTo("Daybreak"));
    assertThat(datum(sent.get(0)).path("Value").asDouble()).isZero();
    JsonNode degraded = datum(sent.get(1));
    assertThat(degraded.path("MetricName").asText()).isEqualTo("DegradedEnvironments");
    assertThat(degraded.path("Value").asDouble()).isEqualTo(1.0);
    assertThat(degraded.path("Unit").asText()).isEqualTo("Count");
    assertThat(degraded.has("Dimensions")).as("no dimensions, as the alarm reads it").isFalse();
    assertThat(degraded.path("Timestamp").isNumber()).isTrue();
    assertThat(degraded.path("Timestamp").asDouble())
        .isEqualTo((double) clock.instant().getEpochSecond());
  }

  @Test
  void close_stopsThePeriodicPublishing() {
    CloudWatchPublisher publisher = publisher();
    publisher.start(scheduler);
    scheduler.advance(Duration.ZERO);
    await().until(() -> cloudWatch.putMetricData().size() == 1);

    publisher.close();
    scheduler.advance(CloudWatchPublisher.PERIOD.multipliedBy(3));

    assertThat(scheduler.pending()).isZero();
    assertThat(cloudWatch.putMetricData()).hasSize(1);
  }

  @Test
  void publish_cloudWatchUnreachable_isLoggedAndDoesNotThrow() {
    try (CloudWatchPublisher publisher =
        new CloudWatchPublisher(
            CloudWatchClients.create(
                Optional.of(java.net.URI.create("http://127.0.0.1:9")), Optional.empty()),
            "Daybreak",
            () -> 1,
            clock)) {
      assertThatCode(publisher::publish).doesNotThrowAnyException();
    }
  }

  @Test
  void fromEnvironment_noNamespace_isOffAndABadOneNamesTheVariable() {
    assertThat(CloudWatchPublisher.fromEnvironment(Map.of(), Optional.empty(), () -> 0, clock))
        .isEmpty();
    assertThatThrownBy(
            () ->
                CloudWatchPublisher.fromEnvironment(
                    Map.of(CloudWatchPublisher.NAMESPACE_VARIABLE, "AWS/ECS"),
                    Optional.empty(),
                    () -> 0,
                    clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DAYBREAK_METRICS_NAMESPACE")
        .hasMessageContaining("'AWS/ECS'");
    assertThatThrownBy(
            () ->
                CloudWatchPublisher.fromEnvironment(
                    Map.of(
                        CloudWatchPublisher.NAMESPACE_VARIABLE,
                        "Daybreak",
                        CloudWatchPublisher.ENDPOINT_VARIABLE,
                        "127.0.0.1:4566"),
                    Optional.empty(),
                    () -> 0,
                    clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DAYBREAK_CLOUDWATCH_ENDPOINT=127.0.0.1:4566")
        .hasMessageContaining("http://");
  }

  private static JsonNode datum(JsonNode request) {
    assertThat(request.path("MetricData")).hasSize(1);
    return request.path("MetricData").get(0);
  }
}
