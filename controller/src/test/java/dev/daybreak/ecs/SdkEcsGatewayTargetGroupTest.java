package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.model.Health;
import dev.daybreak.model.ObservedService;
import dev.daybreak.time.Sleeper;
import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The production gateway over HTTP against the simulator: a target group deleted from under a
 * service is reported as the service's health (a group that does not exist), not as a failed
 * observation.
 */
class SdkEcsGatewayTargetGroupTest {

  private static final String GROUP =
      LoadBalancer.targetGroupArn("us-east-1", "000000000000", "web");

  @Test
  void observe_targetGroupDeleted_reportsItMissingInsteadOfFailing() throws Exception {
    VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-12-01T06:00:00Z"));
    EcsSimulator sim =
        new EcsSimulator(
            SimSettings.builder().startLatency(Latency.fixed(Duration.ofSeconds(2))).build(),
            clock);
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      sim.provision("dev", List.of("web"));
      sim.setHealthChecks("dev", "web", List.of(new LoadBalancer(GROUP, "web", 8080)), false);
      sim.updateService(
          "it", Optional.of("dev"), "web", OptionalInt.of(1), Optional.empty(), false);
      clock.advance(Duration.ofMinutes(10));
      EcsEndpoint endpoint = EcsEndpoint.simulator(server.endpoint());
      try (SdkEcsGateway gateway =
          new SdkEcsGateway(
              EcsClients.create(endpoint, EcsClients.APP_ID),
              ElbClients.create(endpoint, EcsClients.APP_ID),
              GatewaySettings.defaults(),
              clock,
              Sleeper.system())) {
        Health before = health(gateway);
        assertThat(before.missingTargetGroups()).isEmpty();
        assertThat(before.isHealthy(1)).isTrue();

        sim.deleteTargetGroup(GROUP);
        Health after = health(gateway);

        assertThat(after.missingTargetGroups()).containsExactly(GROUP);
        assertThat(after.isHealthy(1)).isFalse();
        assertThat(after.describe()).contains(GROUP + " does not exist (TargetGroupNotFound)");
        assertThat(sim.calls())
            .filteredOn(c -> c.op().equals("DescribeTargetHealth"))
            .last()
            .satisfies(c -> assertThat(c.outcome()).isEqualTo("TargetGroupNotFound"));
      }
    }
  }

  private static Health health(SdkEcsGateway gateway) {
    Map<String, ObservedService> observed = gateway.observe("dev", List.of("web"), Set.of("web"));
    return observed.get("web").health().orElseThrow();
  }
}
