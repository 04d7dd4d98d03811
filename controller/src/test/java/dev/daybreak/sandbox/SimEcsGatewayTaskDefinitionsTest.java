package dev.daybreak.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.model.Health;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.savings.Architecture;
import dev.daybreak.model.savings.Capacity;
import dev.daybreak.model.savings.OsFamily;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.time.VirtualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-process gateway reads task definitions as the SDK gateway does (the simulator's own
 * task-definition behaviour is ecs-sim's {@code TaskDefinitionsTest}).
 */
class SimEcsGatewayTaskDefinitionsTest {

  private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-01T06:00:00Z"));
  private final EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
  private final SimEcsGateway gateway =
      new SimEcsGateway(sim, GatewaySettings.defaults(), d -> clock.advance(d));

  SimEcsGatewayTaskDefinitionsTest() {
    sim.provision("dev", List.of("api", "web"));
  }

  @Test
  void taskSizes_readTheDefinedSizeAndSpot_oncePerRevision() {
    sim.defineTaskSize("dev", "web", 1024, 2048, "ARM64", "FARGATE_SPOT");
    gateway.observe("dev", List.of("api", "web"));

    Map<String, TaskSize> sizes = gateway.taskSizes("dev", List.of("api", "web"));
    gateway.taskSizes("dev", List.of("api", "web"));

    assertThat(sizes)
        .containsEntry("api", TaskSize.linuxX86(256, 512))
        .containsEntry(
            "web",
            new TaskSize(
                1024, 2048, Architecture.ARM64, OsFamily.LINUX, Capacity.FARGATE_SPOT, 20));
    assertThat(sim.calls())
        .filteredOn(c -> c.op().equals("DescribeTaskDefinition"))
        .as("cached by ARN: a revision never changes")
        .hasSize(2);
  }

  @Test
  void observe_healthyServiceWithNoLoadBalancerNorContainerCheck_reportsNoHealthCheck() {
    sim.setHealthChecks("dev", "web", List.of(), true);

    Map<String, ObservedService> seen =
        gateway.observe("dev", List.of("api", "web"), Set.of("api", "web"));

    assertThat(seen.get("api").health())
        .contains(
            new Health.NoHealthCheck("arn:aws:ecs:us-east-1:000000000000:task-definition/api:1"));
    assertThat(seen.get("web").health())
        .as("has a container check; no task runs yet")
        .isEqualTo(Optional.empty());
  }
}
