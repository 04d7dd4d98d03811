package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.SimTesting.CALLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskDefinitionsTest {

  private final SimTesting t = new SimTesting(SimSettings.builder().build(), "api", "web");

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
}
