package dev.daybreak.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.RolloutState;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {

  private final SimTesting t =
      new SimTesting(
          SimSettings.builder()
              .startLatency(Latency.fixed(Duration.ofSeconds(20)))
              .stopLatency(Latency.fixed(Duration.ofSeconds(5)))
              .build(),
          "a");

  @Test
  void provisionedService_isSteadyAtZeroWithACompletedDeployment() {
    ServiceView a = t.describe("a");

    assertThat(a.status()).isEqualTo("ACTIVE");
    assertThat(a.desiredCount()).isZero();
    assertThat(a.deployments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("PRIMARY");
              assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
            });
    assertThat(t.messages("a").get(0)).isEqualTo("(service a) has reached a steady state.");
  }

  @Test
  void scaleUp_tasksArePendingUntilTheStartLatencyThenRunning() {
    t.scale("a", 2);

    assertThat(t.describe("a"))
        .extracting(ServiceView::pendingCount, ServiceView::runningCount)
        .containsExactly(2, 0);
    assertThat(t.messages("a").get(0))
        .matches(
            "\\(service a\\) has started 2 tasks: \\(task [0-9a-f]{32}\\) \\(task [0-9a-f]{32}\\)\\.");
    assertThat(t.tasks("a", "RUNNING"))
        .extracting(TaskView::lastStatus)
        .containsOnly("PROVISIONING");

    t.advance(Duration.ofSeconds(5));
    assertThat(t.tasks("a", "RUNNING")).extracting(TaskView::lastStatus).containsOnly("PENDING");

    t.advance(Duration.ofSeconds(15));
    ServiceView a = t.describe("a");
    assertThat(a)
        .extracting(ServiceView::pendingCount, ServiceView::runningCount)
        .containsExactly(0, 2);
    assertThat(a.deployments().get(0).runningCount()).isEqualTo(2);
    assertThat(t.messages("a").get(0)).isEqualTo("(service a) has reached a steady state.");
    assertThat(t.tasks("a", "RUNNING"))
        .allSatisfy(
            task -> {
              assertThat(task.lastStatus()).isEqualTo("RUNNING");
              assertThat(task.startedAt()).contains(SimTesting.T0.plusSeconds(20));
            });
  }

  @Test
  void scaleDown_stopsTasksAfterTheStopLatency() {
    t.scale("a", 2);
    t.advance(Duration.ofSeconds(20));

    t.scale("a", 0);

    assertThat(t.describe("a").runningCount()).isZero();
    assertThat(t.messages("a").get(0))
        .startsWith("(service a) has stopped 2 running tasks: (task ");
    assertThat(t.tasks("a", "STOPPED")).extracting(TaskView::lastStatus).containsOnly("STOPPING");
    t.advance(Duration.ofSeconds(5));
    assertThat(t.tasks("a", "STOPPED"))
        .allSatisfy(
            task -> {
              assertThat(task.lastStatus()).isEqualTo("STOPPED");
              assertThat(task.stopCode()).contains("ServiceSchedulerInitiated");
              assertThat(task.stoppedReason().orElseThrow())
                  .startsWith("Scaling activity initiated by (deployment ecs-svc/");
            });
    assertThat(t.messages("a").get(0)).isEqualTo("(service a) has reached a steady state.");
  }

  @Test
  void scaleDownWhilePending_stopsTheNotYetRunningTasksFirst() {
    t.scale("a", 1);
    t.advance(Duration.ofSeconds(20));
    t.scale("a", 2);

    t.scale("a", 1);

    t.advance(Duration.ofMinutes(1));
    assertThat(t.tasks("a", "RUNNING"))
        .singleElement()
        .satisfies(task -> assertThat(task.startedAt()).contains(SimTesting.T0.plusSeconds(20)));
  }

  @Test
  void startLatencyRange_drawsEachTaskWithinIt() {
    SimTesting ranged =
        new SimTesting(
            SimSettings.builder().startLatency(Latency.parse("10s..30s")).seed(7).build(), "a");
    ranged.scale("a", 20);

    ranged.advance(Duration.ofSeconds(9));
    assertThat(ranged.describe("a").runningCount()).isZero();
    ranged.advance(Duration.ofSeconds(11));
    assertThat(ranged.describe("a").runningCount()).isStrictlyBetween(0, 20);
    ranged.advance(Duration.ofSeconds(10));
    assertThat(ranged.describe("a").runningCount()).isEqualTo(20);
  }

  @Test
  void newTaskDefinition_startsANewDeploymentAndRetiresTheOldOnceReplaced() {
    t.scale("a", 1);
    t.advance(Duration.ofSeconds(20));

    ServiceView updated =
        t.sim.updateService(
            SimTesting.CALLER, SimTesting.DEV, "a", OptionalInt.empty(), Optional.of("a:2"), false);

    assertThat(updated.deployments())
        .extracting(DeploymentView::status)
        .containsExactly("PRIMARY", "ACTIVE");
    assertThat(updated.deployments().get(0).rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(updated.taskDefinition()).endsWith(":task-definition/a:2");
    t.advance(Duration.ofSeconds(20));
    assertThat(t.describe("a").runningCount()).isEqualTo(1);
    t.advance(Duration.ofSeconds(5));
    ServiceView a = t.describe("a");
    assertThat(a.deployments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.taskDefinition()).endsWith("a:2");
              assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
            });
  }

  @Test
  void nextChangeAt_namesWhenTheNextTransitionIsDue() {
    assertThat(t.sim.nextChangeAt()).isEmpty();

    t.scale("a", 1);

    assertThat(t.sim.nextChangeAt()).contains(SimTesting.T0.plusSeconds(5));
    t.clock.advanceTo(t.sim.nextChangeAt().orElseThrow());
    assertThat(t.sim.nextChangeAt()).contains(SimTesting.T0.plusSeconds(20));
    t.clock.advanceTo(t.sim.nextChangeAt().orElseThrow());
    assertThat(t.describe("a").runningCount()).isEqualTo(1);
    assertThat(t.sim.nextChangeAt()).isEmpty();
  }

  @Test
  void sameSeedAndCalls_sameIdsAndEvents() {
    SimTesting other = new SimTesting(t.sim.settings(), "a");
    t.scale("a", 3);
    other.scale("a", 3);
    t.advance(Duration.ofMinutes(1));
    other.advance(Duration.ofMinutes(1));

    assertThat(other.describe("a")).isEqualTo(t.describe("a"));
  }
}
