package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.SimTesting.CALLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.model.Health;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.savings.Architecture;
import dev.daybreak.model.savings.Capacity;
import dev.daybreak.model.savings.OsFamily;
import dev.daybreak.model.savings.TaskSize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskDefinitionsTest {

  private final SimTesting t = new SimTesting(SimSettings.builder().build(), "api", "web");
  private final SimEcsGateway gateway =
      new SimEcsGateway(t.sim, GatewaySettings.defaults(), d -> t.clock.advance(d));

  @Test
  void describe_serviceNobodyRegistered_isTheSmallestFargateTaskNamedAfterIt() {
    TaskDefinitionView td = t.sim.describeTaskDefinition(CALLER, "api");

    assertThat(td.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/api:1");
    assertThat(td.cpu()).isEqualTo("256");
    assertThat(td.memory()).isEqualTo("512");
    assertThat(td.cpuArchitecture()).isEqualTo("X86_64");
    assertThat(td.containers())
        .singleElement()
        .satisfies(c -> assertThat(c.healthCheck()).isEmpty());
  }

  @Test
  void describe_unknownFamily_isEcsClientException() {
    assertThatThrownBy(() -> t.sim.describeTaskDefinition(CALLER, "ghost:3"))
        .isInstanceOf(SimException.class)
        .hasMessage("Unable to describe task definition.")
        .extracting(e -> ((SimException) e).error())
        .isEqualTo(EcsError.ClientException);
  }

  @Test
  void register_addsRevisions_andAFamilyAloneNamesTheLatest() {
    TaskDefinitionSpec spec = TaskDefinitionSpec.simple("batch", 1024, 2048, "ARM64", true);
    t.sim.registerTaskDefinition(CALLER, spec);
    TaskDefinitionView second = t.sim.registerTaskDefinition(CALLER, spec);

    assertThat(second.revision()).isEqualTo(2);
    assertThat(t.sim.describeTaskDefinition(CALLER, "batch").arn()).endsWith("batch:2");
    assertThat(t.sim.describeTaskDefinition(CALLER, "batch:1").revision()).isEqualTo(1);
    assertThat(second.containers().get(0).healthCheck()).isPresent();
  }

  @Test
  void describe_isThrottledInTheTaskDefinitionReadBucket_burst100() {
    for (int i = 0; i < 100; i++) {
      t.sim.describeTaskDefinition(CALLER, "api");
    }

    assertThatThrownBy(() -> t.sim.describeTaskDefinition(CALLER, "api"))
        .isInstanceOf(SimException.class)
        .hasMessage("Rate exceeded");
  }

  @Test
  void gateway_taskSizes_readTheDefinedSizeAndSpot_onceperRevision() {
    t.sim.defineTaskSize("dev", "web", 1024, 2048, "ARM64", "FARGATE_SPOT");
    gateway.observe("dev", List.of("api", "web"));

    Map<String, TaskSize> sizes = gateway.taskSizes("dev", List.of("api", "web"));
    gateway.taskSizes("dev", List.of("api", "web"));

    assertThat(sizes)
        .containsEntry("api", TaskSize.linuxX86(256, 512))
        .containsEntry(
            "web",
            new TaskSize(
                1024, 2048, Architecture.ARM64, OsFamily.LINUX, Capacity.FARGATE_SPOT, 20));
    assertThat(t.sim.calls())
        .filteredOn(c -> c.op().equals("DescribeTaskDefinition"))
        .as("cached by ARN: a revision never changes")
        .hasSize(2);
  }

  @Test
  void gateway_healthyServiceWithNoLoadBalancerNorContainerCheck_reportsNoHealthCheck() {
    t.sim.setHealthChecks("dev", "web", List.of(), true);

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
