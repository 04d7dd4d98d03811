package dev.daybreak.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.RolloutState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureModesTest {

  /** The seed: b crashes unless a runs; a takes longer to start than b. */
  private final SimTesting t =
      new SimTesting(
          SimSettings.builder()
              .startLatency("a", Latency.fixed(Duration.ofSeconds(30)))
              .startLatency("b", Latency.fixed(Duration.ofSeconds(20)))
              .stopLatency(Latency.fixed(Duration.ofSeconds(5)))
              .require("b", "a")
              .crashGrace(Duration.ofSeconds(3))
              .relaunchDelay(Duration.ofSeconds(10))
              .build(),
          "a",
          "b");

  @Test
  void requiredServiceNotRunning_taskExitsAfterTheGraceAndCountsAsFailed() {
    t.scale("a", 1);
    t.scale("b", 3);

    t.advance(Duration.ofSeconds(20));
    assertThat(t.describe("b").runningCount()).isEqualTo(3);
    assertThat(t.messages("b").get(0)).startsWith("(service b) has started 3 tasks");

    t.advance(Duration.ofSeconds(3));
    ServiceView b = t.describe("b");
    assertThat(b.runningCount()).isZero();
    assertThat(b.deployments().get(0).failedTasks()).isEqualTo(3);
    assertThat(t.tasks("b", "STOPPED"))
        .hasSize(3)
        .allSatisfy(
            task -> {
              assertThat(task.stopCode()).contains("EssentialContainerExited");
              assertThat(task.stoppedReason()).contains("Essential container in task exited");
              assertThat(task.exitCode()).contains(1);
            });
  }

  @Test
  void requiredServiceNotRunning_schedulerKeepsRelaunchingUntilItRuns() {
    t.scale("b", 1);

    t.advance(Duration.ofSeconds(23));
    assertThat(t.failedTasks("b")).isEqualTo(1);
    t.advance(Duration.ofSeconds(10));
    assertThat(t.messages("b").get(0)).startsWith("(service b) has started 1 tasks");
    t.advance(Duration.ofSeconds(23));
    assertThat(t.failedTasks("b")).isEqualTo(2);

    t.scale("a", 1);
    t.advance(Duration.ofMinutes(2));
    ServiceView b = t.describe("b");
    assertThat(b.runningCount()).isEqualTo(1);
    assertThat(b.deployments().get(0).failedTasks()).as("reset once a task runs").isZero();
    assertThat(t.messages("b").get(0)).isEqualTo("(service b) has reached a steady state.");
  }

  @Test
  void requiredServiceAlreadyRunning_noTaskFails() {
    t.scale("a", 1);
    t.advance(Duration.ofSeconds(30));

    t.scale("b", 3);
    t.advance(Duration.ofMinutes(5));

    assertThat(t.describe("b").runningCount()).isEqualTo(3);
    assertThat(t.failedTasks("b")).isZero();
    assertThat(t.tasks("b", "STOPPED")).isEmpty();
    assertThat(t.messages("b")).noneMatch(m -> m.contains("unable"));
  }

  @Test
  void failToStart_tasksStopWithCannotPullContainerErrorAndLaunchesBackOff() {
    t.sim.setFaults(new Faults(Map.of(), Map.of(), Set.of("a"), Optional.empty()));
    t.scale("a", 1);

    t.advance(Duration.ofSeconds(30));
    assertThat(t.failedTasks("a")).isEqualTo(1);
    TaskView stopped = t.tasks("a", "STOPPED").get(0);
    assertThat(stopped.stopCode()).contains("TaskFailedToStart");
    assertThat(stopped.stoppedReason().orElseThrow()).startsWith("CannotPullContainerError:");
    assertThat(stopped.startedAt()).isEmpty();

    // ECS's throttle logic: 10 s, 20 s, 40 s ... between attempts after consecutive failures.
    t.advance(Duration.ofSeconds(10 + 30));
    assertThat(t.failedTasks("a")).isEqualTo(2);
    t.advance(Duration.ofSeconds(20 + 30));
    assertThat(t.failedTasks("a")).isEqualTo(3);
    assertThat(t.messages("a").get(0))
        .isEqualTo("(service a) is unable to consistently start tasks successfully.");
    t.advance(Duration.ofSeconds(39 + 30));
    assertThat(t.failedTasks("a")).isEqualTo(3);
    t.advance(Duration.ofSeconds(1));
    assertThat(t.failedTasks("a")).isEqualTo(4);

    t.sim.setFaults(Faults.none());
    t.advance(Duration.ofMinutes(5));
    assertThat(t.describe("a").runningCount()).isEqualTo(1);
  }

  @Test
  void circuitBreaker_enoughFailures_failTheDeploymentAndStopLaunching() {
    t.sim.provision("dev", List.of());
    ServiceView created =
        t.sim.createService(
            SimTesting.CALLER,
            SimTesting.DEV,
            new NewService("c", Optional.empty(), 2, true, false, List.of()));
    assertThat(created.deployments().get(0).rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
    t.sim.setFaults(new Faults(Map.of(), Map.of(), Set.of("c"), Optional.empty()));

    t.advance(Duration.ofHours(2));

    DeploymentView d = t.describe("c").deployments().get(0);
    assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
    assertThat(d.failedTasks()).as("two launches of two tasks").isEqualTo(4);
    t.advance(Duration.ofHours(1));
    assertThat(t.failedTasks("c")).as("no launch after FAILED").isEqualTo(4);
    assertThat(t.describe("c").pendingCount()).isZero();
    assertThat(d.rolloutStateReason()).contains("circuit breaker");
    assertThat(t.messages("c").get(0)).endsWith("deployment failed: tasks failed to start.");
  }
}
