package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecs.EcsException;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SdkEcsGateway} against the simulator over HTTP. */
class SdkEcsGatewayIT {

  private static final GatewaySettings FAST_BACKOFF =
      GatewaySettings.defaults()
          .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(200));

  private EcsSimFixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  private SdkEcsGateway onVirtualClock(String... services) {
    fixture =
        EcsSimFixture.start(
            SimSettings.builder().build(),
            VirtualClock.startingAt(Instant.parse("2026-01-01T06:00:00Z")));
    fixture.sim.provision("dev", List.of(services));
    return fixture.gateway(FAST_BACKOFF);
  }

  @Test
  void observe_25Services_takesExactlyThreeDescribeServicesCalls() {
    List<String> services =
        IntStream.range(0, 25).mapToObj(i -> String.format("svc%02d", i)).toList();
    SdkEcsGateway gateway = onVirtualClock(services.toArray(String[]::new));

    Map<String, ObservedService> observed = gateway.observe("dev", services);

    assertThat(observed).containsOnlyKeys(services);
    assertThat(observed.values())
        .allSatisfy(o -> assertThat(o.status()).isEqualTo(ServiceStatus.ACTIVE));
    List<JsonNode> calls = fixture.calls("DescribeServices");
    assertThat(calls).hasSize(3);
    assertThat(calls)
        .allSatisfy(
            c -> {
              assertThat(c.path("services").size()).isLessThanOrEqualTo(10);
              assertThat(c.path("caller").asText()).isEqualTo("daybreak");
            });
    assertThat(calls.stream().mapToInt(c -> c.path("services").size()).sum()).isEqualTo(25);
  }

  @Test
  void observe_unknownService_isMissing() {
    SdkEcsGateway gateway = onVirtualClock("a");

    Map<String, ObservedService> observed = gateway.observe("dev", List.of("a", "gone"));

    assertThat(observed.get("gone")).isEqualTo(ObservedService.missing("gone"));
    assertThat(observed.get("a").status()).isEqualTo(ServiceStatus.ACTIVE);
  }

  @Test
  void scale_thenObserve_showsTheDesiredCountAndStartedTasks() {
    SdkEcsGateway gateway = onVirtualClock("a");

    gateway.scale("dev", "a", 2);

    ObservedService a = gateway.observe("dev", List.of("a")).get("a");
    assertThat(a.desiredCount()).isEqualTo(2);
    assertThat(a.pendingCount()).isEqualTo(2);
    assertThat(a.latestEvent().orElseThrow().message())
        .startsWith("(service a) has started 2 tasks");
  }

  @Test
  void refusals_areEcsExceptionsWithEcsErrorCodes() {
    SdkEcsGateway gateway = onVirtualClock("a");

    assertThatThrownBy(() -> gateway.scale("dev", "nope", 1))
        .isInstanceOfSatisfying(
            EcsException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ServiceNotFoundException"));
    assertThatThrownBy(() -> gateway.observe("prod", List.of("a")))
        .isInstanceOfSatisfying(
            EcsException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ClusterNotFoundException"));
  }

  @Test
  void serverErrorsThatPersist_areReportedAfterThreeAttempts() {
    SdkEcsGateway gateway = onVirtualClock("a");
    fixture.post("/_sim/faults", "{\"errorRate\": {\"UpdateService\": 1.0}}");

    assertThatThrownBy(() -> gateway.scale("dev", "a", 1))
        .isInstanceOfSatisfying(
            EcsException.class, e -> assertThat(e.errorCode()).isEqualTo("ServerException"));
    assertThat(fixture.calls("UpdateService")).hasSize(3);
  }

  /**
   * 130 concurrent reads against ECS's read bucket of 100 (burst) on a simulator whose clock stands
   * still, so the bucket does not refill: exactly 100 calls get through and every call after them
   * is throttled, however slowly the machine runs them. The other 30 observations keep backing off
   * and retrying (as many at once as the gateway has describe threads) until the test moves the
   * clock on, refilling the bucket; then all 130 succeed: no throttle surfaced.
   */
  @Test
  void throttlesFromEcs_areWaitedOutAndNeverSurface() throws Exception {
    VirtualClock still = VirtualClock.startingAt(Instant.parse("2026-01-01T06:00:00Z"));
    fixture = EcsSimFixture.start(SimSettings.builder().build(), still);
    int clusters = 130;
    int burst = EcsQuotas.SERVICE_READS.burst();
    IntStream.range(0, clusters).forEach(i -> fixture.sim.provision("c" + i, List.of("a")));
    SdkEcsGateway greedy = fixture.gateway(FAST_BACKOFF.withReads(new RateLimit(1000, 1000)));
    ExecutorService pool = Executors.newFixedThreadPool(clusters);
    try {
      List<CompletableFuture<Map<String, ObservedService>>> observations =
          IntStream.range(0, clusters)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> greedy.observe("c" + i, List.of("a")), pool))
              .toList();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(clustersWith("ok")).hasSize(burst);
                assertThat(clustersWith("ThrottlingException"))
                    .isNotEmpty()
                    .doesNotContainAnyElementsOf(clustersWith("ok"));
                assertThat(observations.stream().filter(CompletableFuture::isDone))
                    .as("observations answered while the bucket could not refill")
                    .hasSize(burst);
              });

      still.advance(Duration.ofSeconds(60));
      for (var o : observations) {
        assertThat(o.get().get("a").status()).isEqualTo(ServiceStatus.ACTIVE);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(clustersWith("ok")).hasSize(clusters);
  }

  /** The clusters of the DescribeServices calls the simulator answered with {@code outcome}. */
  private Set<String> clustersWith(String outcome) {
    return fixture.calls("DescribeServices").stream()
        .filter(c -> c.path("outcome").asText().equals(outcome))
        .map(c -> c.path("cluster").asText())
        .collect(Collectors.toSet());
  }
}
