package dev.daybreak.ecssim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetHealthTest {

  private static final String GROUP =
      LoadBalancer.targetGroupArn("us-east-1", "000000000000", "web");

  /** Tasks start in 20 s and stop in 5 s; checks every 10 s, healthy after 3, registration 5 s. */
  private final SimTesting t =
      new SimTesting(
          SimSettings.builder()
              .startLatency(Latency.fixed(Duration.ofSeconds(20)))
              .stopLatency(Latency.fixed(Duration.ofSeconds(5)))
              .health(
                  new HealthSettings(
                      Duration.ofSeconds(10),
                      3,
                      2,
                      Duration.ofSeconds(5),
                      Duration.ofSeconds(10),
                      3))
              .build(),
          "web",
          "worker");

  private List<TargetHealthView> targets() {
    return t.sim.describeTargetHealth(SimTesting.CALLER, GROUP, List.of());
  }

  private void behindTargetGroup() {
    t.sim.setHealthChecks("dev", "web", List.of(new LoadBalancer(GROUP, "web", 8080)), false);
  }

  @Test
  void startedTask_isInitialThenHealthyAfterTheThresholdOfPassingChecks() {
    behindTargetGroup();
    t.scale("web", 2);

    t.advance(Duration.ofSeconds(20));
    assertThat(targets())
        .hasSize(2)
        .allSatisfy(
            h -> {
              assertThat(h.state()).isEqualTo("initial");
              assertThat(h.reason()).contains("Elb.RegistrationInProgress");
              assertThat(h.port()).isEqualTo(8080);
            });
    t.advance(Duration.ofSeconds(5));
    assertThat(targets())
        .allSatisfy(h -> assertThat(h.reason()).contains("Elb.InitialHealthChecking"));
    t.advance(Duration.ofSeconds(29));
    assertThat(targets()).allSatisfy(h -> assertThat(h.state()).isEqualTo("initial"));
    t.advance(Duration.ofSeconds(1));
    assertThat(targets())
        .allSatisfy(
            h -> {
              assertThat(h.state()).isEqualTo("healthy");
              assertThat(h.reason()).isEmpty();
            });
    assertThat(targets())
        .extracting(TargetHealthView::id)
        .containsExactlyInAnyOrderElementsOf(
            t.tasks("web", "RUNNING").stream().map(TaskView::privateIp).toList());
  }

  @Test
  void healthFault_makesTargetsUnhealthyAfterTheUnhealthyThreshold_andLiftingItHealsThem() {
    behindTargetGroup();
    t.scale("web", 1);
    t.advance(Duration.ofSeconds(55));
    assertThat(targets())
        .singleElement()
        .satisfies(h -> assertThat(h.state()).isEqualTo("healthy"));

    t.sim.setUnhealthyServices(Set.of("web"));
    t.advance(Duration.ofSeconds(20));

    assertThat(targets())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.state()).isEqualTo("unhealthy");
              assertThat(h.reason()).contains("Target.ResponseCodeMismatch");
              assertThat(h.description()).contains("Health checks failed with these codes: [503]");
            });
    t.sim.setUnhealthyServices(Set.of());
    t.advance(Duration.ofSeconds(30));
    assertThat(targets())
        .singleElement()
        .satisfies(h -> assertThat(h.state()).isEqualTo("healthy"));
  }

  @Test
  void stoppingTask_drainsThenLeavesTheGroup_andTheHistoryHasEveryStep() {
    behindTargetGroup();
    t.scale("web", 1);
    t.advance(Duration.ofSeconds(55));

    t.scale("web", 0);
    assertThat(targets())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.state()).isEqualTo("draining");
              assertThat(h.reason()).contains("Target.DeregistrationInProgress");
            });
    t.advance(Duration.ofSeconds(5));
    assertThat(targets()).isEmpty();

    assertThat(t.sim.targetHealthHistory())
        .extracting(c -> c.state() + c.reason().map(r -> "/" + r).orElse(""))
        .containsExactly(
            "initial/Elb.RegistrationInProgress",
            "initial/Elb.InitialHealthChecking",
            "healthy",
            "draining/Target.DeregistrationInProgress",
            TargetHealthChange.DEREGISTERED);
    assertThat(t.sim.targetHealthHistory().get(2).at())
        .isEqualTo(SimTesting.T0.plus(Duration.ofSeconds(55)));
  }

  @Test
  void unknownTargetGroup_isTargetGroupNotFound_andLogged() {
    assertThatThrownBy(() -> targets())
        .isInstanceOfSatisfying(
            SimException.class, e -> assertThat(e.error()).isEqualTo(EcsError.TargetGroupNotFound));
    assertThat(t.sim.calls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.op()).isEqualTo("DescribeTargetHealth");
              assertThat(c.services()).containsExactly(GROUP);
              assertThat(c.outcome()).isEqualTo("TargetGroupNotFound");
            });
  }

  @Test
  void containerHealthCheck_reportsUnknownUntilTheFirstCheck_thenHealthy_orUnhealthyUnderAFault() {
    t.sim.setHealthChecks("dev", "worker", List.of(), true);
    t.scale("worker", 1);
    t.scale("web", 1);

    t.advance(Duration.ofSeconds(20));
    assertThat(t.tasks("worker", "RUNNING"))
        .singleElement()
        .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNKNOWN"));
    t.advance(Duration.ofSeconds(10));
    assertThat(t.tasks("worker", "RUNNING"))
        .singleElement()
        .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("HEALTHY"));
    assertThat(t.tasks("web", "RUNNING"))
        .as("no health check: UNKNOWN for ever")
        .singleElement()
        .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNKNOWN"));

    t.sim.setUnhealthyServices(Set.of("worker"));
    t.advance(Duration.ofSeconds(20));
    assertThat(t.tasks("worker", "RUNNING"))
        .singleElement()
        .satisfies(task -> assertThat(task.healthStatus()).isEqualTo("UNHEALTHY"));
  }

  @Test
  void describeTasks_moreThanAHundred_isInvalidParameter() {
    List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "task" + i).toList();

    assertThatThrownBy(() -> t.sim.describeTasks(SimTesting.CALLER, SimTesting.DEV, many, false))
        .isInstanceOfSatisfying(
            SimException.class,
            e -> assertThat(e.error()).isEqualTo(EcsError.InvalidParameterException));
    assertThat(Optional.of(t.sim.calls().get(0).op())).contains("DescribeTasks");
  }
}
