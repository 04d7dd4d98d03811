package dev.daybreak.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.ecs.EcsException;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.ServiceSummary;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.model.Health;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimEcsGatewayTest {

  private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  private final EcsSimulator ecs =
      new EcsSimulator(
          SimSettings.builder().startLatency(Latency.fixed(Duration.ofSeconds(10))).build(), clock);
  private final SimEcsGateway gateway =
      new SimEcsGateway(ecs, GatewaySettings.defaults(), d -> clock.advance(d));

  @Test
  void observe_mapsRunningServiceAndMissingOne() {
    ecs.provision("dev", List.of("a"));
    gateway.scale("dev", "a", 2);
    clock.advance(Duration.ofSeconds(11));

    Map<String, ObservedService> seen = gateway.observe("dev", List.of("a", "ghost"));

    assertThat(seen.get("a").status()).isEqualTo(ServiceStatus.ACTIVE);
    assertThat(seen.get("a").runningCount()).isEqualTo(2);
    assertThat(seen.get("a").deployments()).hasSize(1);
    assertThat(seen.get("ghost").status()).isEqualTo(ServiceStatus.MISSING);
  }

  @Test
  void observeWithHealth_readsTargetGroupsForServicesBehindOne_andContainerHealthOtherwise() {
    ecs.provision("dev", List.of("web", "worker", "plain"));
    String group = LoadBalancer.targetGroupArn("us-east-1", "000000000000", "web");
    ecs.setHealthChecks("dev", "web", List.of(new LoadBalancer(group, "web", 80)), false);
    ecs.setHealthChecks("dev", "worker", List.of(), true);
    gateway.scale("dev", "web", 2);
    gateway.scale("dev", "worker", 1);

    clock.advance(Duration.ofSeconds(11));
    Map<String, ObservedService> starting =
        gateway.observe("dev", List.of("web", "worker", "plain"), Set.of("web", "worker"));

    assertThat(starting.get("web").health())
        .contains(
            new Health.TargetGroups(List.of(new Health.TargetGroup(group, 0, 0, 2, List.of()))));
    assertThat(starting.get("worker").health()).contains(new Health.Containers(0, 0, 1));
    assertThat(starting.get("plain").health()).as("not asked for").isEmpty();

    clock.advance(HealthSettings.AWS_DEFAULTS.timeToHealthy());
    Map<String, ObservedService> healthy =
        gateway.observe("dev", List.of("web", "worker"), Set.of("web", "worker"));

    assertThat(healthy.get("web").health().orElseThrow().isHealthy(2)).isTrue();
    assertThat(healthy.get("worker").health()).contains(new Health.Containers(1, 0, 0));
  }

  @Test
  void scale_whenThrottled_waitsOnTheGivenSleeperAndSucceeds() {
    ecs.provision("dev", List.of("a"));
    Instant before = clock.instant();
    for (int i = 0; i < 60; i++) {
      gateway.scale("dev", "a", 1 + i % 2);
    }

    assertThat(ecs.calls()).anyMatch(c -> c.outcome().equals("ThrottlingException"));
    assertThat(clock.instant()).isAfter(before);
    assertThat(ecs.services())
        .singleElement()
        .extracting(ServiceSummary::desiredCount)
        .isEqualTo(2);
  }

  @Test
  void observe_whenEcsKeepsFailing_reportsServerExceptionAfterTheRetries() {
    ecs.provision("dev", List.of("a"));
    ecs.setFaults(new Faults(Map.of(Faults.ALL, 1.0), Map.of(), Set.of(), Optional.empty()));

    assertThatThrownBy(() -> gateway.observe("dev", List.of("a")))
        .isInstanceOfSatisfying(
            EcsException.class, e -> assertThat(e.errorCode()).isEqualTo("ServerException"));
    assertThat(ecs.calls()).hasSize(GatewaySettings.defaults().transientAttempts());
  }
}
