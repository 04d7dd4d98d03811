package dev.daybreak.ecssim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.RolloutState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deployment circuit breaker as the Amazon ECS Developer Guide describes it ("How the Amazon
 * ECS deployment circuit breaker detects failures"): FAILED at {@code 0.5 * desired} failed tasks
 * bounded to [3, 200], and with rollback a new deployment of the last COMPLETED one.
 */
class CircuitBreakerTest {

  private final SimTesting t =
      new SimTesting(
          SimSettings.builder()
              .startLatency(Latency.fixed(Duration.ofSeconds(10)))
              .stopLatency(Latency.fixed(Duration.ofSeconds(2)))
              .startFailureBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5))
              .build());

  @Test
  void badRevision_withRollback_failsThenRollsBackToTheLastCompletedDeployment() {
    String completed = runningService("web", true);

    t.sim.setFaults(faultsFailing("web:2"));
    String failed = deploy("web", "web:2");
    t.advance(Duration.ofMinutes(2));

    ServiceView web = t.describe("web");
    DeploymentView rollback = web.deployments().get(0);
    assertThat(web.deployments())
        .as("the failed deployment is gone once the rollback completed")
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("PRIMARY");
              assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
              assertThat(d.id()).isNotIn(completed, failed);
              assertThat(d.taskDefinition()).endsWith("task-definition/web:1");
            });
    assertThat(web.taskDefinition()).endsWith("task-definition/web:1");
    assertThat(web.runningCount()).isEqualTo(2);
    assertThat(t.messages("web"))
        .containsSubsequence(
            "(service web) (deployment " + rollback.id() + ") deployment completed.",
            "(service web) rolling back to deployment " + completed + ".",
            "(service web) (deployment " + failed + ") deployment failed: tasks failed to start.");
  }

  @Test
  void rollbackInProgress_showsTheFailedDeploymentBesideThePrimaryRollingBack() {
    String completed = runningService("web", true);
    t.sim.setFaults(faultsFailing("web:2"));
    String bad = deploy("web", "web:2");

    // Two tasks fail at 10 s: below the threshold, which is 3 although half of 2 is 1.
    t.advance(Duration.ofSeconds(15));
    assertThat(t.describe("web").deployments().get(0))
        .satisfies(
            d -> {
              assertThat(d.failedTasks()).isEqualTo(2);
              assertThat(d.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
            });
    // Two more fail at 25 s (after 5 s of throttle backoff): FAILED, and the rollback starts.
    t.advance(Duration.ofSeconds(20));

    ServiceView web = t.describe("web");
    assertThat(web.deployments()).hasSize(3);
    DeploymentView primary = web.deployments().get(0);
    assertThat(primary.status()).isEqualTo("PRIMARY");
    assertThat(primary.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(primary.rolloutStateReason())
        .isEqualTo(
            "ECS deployment circuit breaker: rolling back to deploymentId " + completed + ".");
    assertThat(web.deployments().get(1))
        .satisfies(
            d -> {
              assertThat(d.id()).isEqualTo(bad);
              assertThat(d.status()).isEqualTo("ACTIVE");
              assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
              assertThat(d.rolloutStateReason())
                  .isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
              assertThat(d.failedTasks()).as("two launches of two tasks").isEqualTo(4);
            });
    assertThat(web.deployments().get(2).id()).isEqualTo(completed);
    assertThat(web.runningCount()).as("the old tasks keep serving").isEqualTo(2);
  }

  @Test
  void withoutRollback_theFailedDeploymentStaysPrimary_untilALaterDeploymentCompletes() {
    runningService("web", false);
    t.sim.setFaults(faultsFailing("web"));
    forceNewDeployment("web");
    t.advance(Duration.ofMinutes(5));

    ServiceView web = t.describe("web");
    assertThat(web.deployments())
        .extracting(DeploymentView::status, DeploymentView::rolloutState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PRIMARY", RolloutState.FAILED),
            org.assertj.core.groups.Tuple.tuple("ACTIVE", RolloutState.COMPLETED));
    assertThat(web.runningCount()).as("the old deployment's tasks keep running").isEqualTo(2);
    int failed = t.failedTasks("web");
    t.advance(Duration.ofMinutes(5));
    assertThat(t.failedTasks("web")).as("a FAILED deployment launches nothing").isEqualTo(failed);

    t.sim.setFaults(Faults.none());
    forceNewDeployment("web");
    t.advance(Duration.ofMinutes(1));

    assertThat(t.describe("web").deployments())
        .singleElement()
        .satisfies(d -> assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED));
  }

  @Test
  void rollbackTargetFailsToo_noCompletedDeploymentLeft_theRollbackStalls() {
    runningService("web", true);
    t.sim.setFaults(faultsFailing("web"));
    forceNewDeployment("web");
    t.advance(Duration.ofMinutes(10));

    ServiceView web = t.describe("web");
    assertThat(web.deployments())
        .extracting(DeploymentView::rolloutState)
        .containsExactly(RolloutState.FAILED, RolloutState.FAILED, RolloutState.COMPLETED);
    assertThat(t.messages("web")).filteredOn(m -> m.contains("rolling back")).hasSize(1);
  }

  @Test
  void threshold_isHalfTheDesiredCountRoundedUp_boundedToThreeAndTwoHundred() {
    t.sim.setFaults(faultsFailing("big"));
    t.sim.createService(
        SimTesting.CALLER,
        SimTesting.DEV,
        new NewService("big", Optional.empty(), 9, true, false, List.of()));

    t.advance(Duration.ofSeconds(10));

    DeploymentView d = t.describe("big").deployments().get(0);
    assertThat(d.failedTasks()).isEqualTo(9);
    assertThat(d.rolloutState())
        .as("9 failures at once reach ceil(9 / 2) = 5")
        .isEqualTo(RolloutState.FAILED);
  }

  /** Creates {@code name} with two tasks of revision 1 and lets it complete; its deployment id. */
  private String runningService(String name, boolean rollback) {
    t.sim.createService(
        SimTesting.CALLER,
        SimTesting.DEV,
        new NewService(name, Optional.of(name + ":1"), 2, true, rollback, List.of()));
    t.advance(Duration.ofSeconds(10));
    DeploymentView d = t.describe(name).deployments().get(0);
    assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
    return d.id();
  }

  /** Deploys a new task definition; the new deployment's id. */
  private String deploy(String service, String taskDefinition) {
    return t.sim
        .updateService(
            SimTesting.CALLER,
            SimTesting.DEV,
            service,
            OptionalInt.empty(),
            Optional.of(taskDefinition),
            false)
        .deployments()
        .get(0)
        .id();
  }

  private void forceNewDeployment(String service) {
    t.sim.updateService(
        SimTesting.CALLER, SimTesting.DEV, service, OptionalInt.empty(), Optional.empty(), true);
  }

  private static Faults faultsFailing(String serviceOrTaskDefinition) {
    return new Faults(Map.of(), Map.of(), Set.of(serviceOrTaskDefinition), Optional.empty());
  }
}
