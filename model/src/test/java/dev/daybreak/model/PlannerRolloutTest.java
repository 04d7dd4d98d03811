package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A rollout that ECS's deployment circuit breaker reports FAILED. */
class PlannerRolloutTest {

  private static final String CIRCUIT_BREAKER =
      "ECS deployment circuit breaker: tasks failed to start.";
  private static final Instant FAILED_AT = T0.minusSeconds(3);
  private static final String FAILED_EVENT =
      "(service b) (deployment ecs-svc/2) deployment failed: tasks failed to start.";

  private static Deployment deployment(
      String id, String status, RolloutState state, int running, int failed, String reason) {
    return new Deployment(id, status, state, 3, running, 0, failed, Optional.of(reason));
  }

  private static ObservedService b(List<Deployment> deployments, List<ServiceEvent> events) {
    return new ObservedService(
        "b", ServiceStatus.ACTIVE, 3, 3, 0, deployments, events, Optional.empty());
  }

  /** Without rollback: the failed deployment is PRIMARY, the old one's tasks keep running. */
  private static ObservedService failedWithoutRollback() {
    return b(
        List.of(
            deployment("ecs-svc/2", "PRIMARY", RolloutState.FAILED, 0, 3, CIRCUIT_BREAKER),
            deployment(
                "ecs-svc/1",
                "ACTIVE",
                RolloutState.COMPLETED,
                3,
                0,
                "ECS deployment ecs-svc/1 completed.")),
        List.of(
            new ServiceEvent("e2", FAILED_AT, FAILED_EVENT),
            new ServiceEvent(
                "e1", FAILED_AT.minusSeconds(20), "(service b) has started 1 tasks.")));
  }

  /** With rollback, while it runs: a new PRIMARY deployment beside the failed one. */
  private static ObservedService rollingBack() {
    return b(
        List.of(
            deployment(
                "ecs-svc/3",
                "PRIMARY",
                RolloutState.IN_PROGRESS,
                0,
                0,
                "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1."),
            deployment("ecs-svc/2", "ACTIVE", RolloutState.FAILED, 0, 3, CIRCUIT_BREAKER)),
        List.of(
            new ServiceEvent("e3", FAILED_AT, "(service b) rolling back to deployment ecs-svc/1."),
            new ServiceEvent("e2", FAILED_AT, FAILED_EVENT)));
  }

  private static Plan wake(World world, EnvironmentStatus previous, Instant now) {
    return Planner.plan(Seed.spec(), Seed.awake(), world.observed(), previous, now);
  }

  @Test
  void plan_awakeAndARolloutFails_isDegradedAtOnce_namingServiceDeploymentAndCircuitBreaker() {
    EnvironmentStatus awake = wake(Seed.awakeWorld(), EnvironmentStatus.initial(), T0).status();
    assertThat(awake.phase()).isEqualTo(Phase.AWAKE);

    Plan plan = wake(Seed.awakeWorld().put(failedWithoutRollback()), awake, T0.plusSeconds(1));

    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_ROLLOUT_FAILED);
    assertThat(degraded.lastTransitionTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(degraded.message())
        .startsWith("service 'b' (ECS service 'b'): ECS deployment ecs-svc/2 failed")
        .contains("failedTasks 3")
        .contains(CIRCUIT_BREAKER)
        .contains("event at " + FAILED_AT + ": " + FAILED_EVENT);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.transitions()).isNotEmpty();
  }

  @Test
  void plan_rollbackInProgress_isDegraded_namingTheFailedDeploymentAndTheRollback() {
    Plan plan = wake(Seed.awakeWorld().put(rollingBack()), EnvironmentStatus.initial(), T0);

    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_ROLLOUT_FAILED);
    assertThat(degraded.message())
        .contains("ECS deployment ecs-svc/2 failed")
        .contains(CIRCUIT_BREAKER)
        .contains(
            "now PRIMARY: deployment ecs-svc/3 IN_PROGRESS (ECS deployment circuit breaker:"
                + " rolling back to deploymentId ecs-svc/1.)")
        .as("the event that reported the failure, not the newer rollback event")
        .contains(FAILED_EVENT);
  }

  @Test
  void plan_laterDeploymentCompleted_recoversByItself() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), Seed.awakeWorld().put(rollingBack()));
    assertThat(loop.pass().status().phase()).isEqualTo(Phase.DEGRADED);
    // The rollback completes; ECS may still list the failed deployment for a moment.
    loop.world.put(
        b(
            List.of(
                deployment(
                    "ecs-svc/3",
                    "PRIMARY",
                    RolloutState.COMPLETED,
                    3,
                    0,
                    "ECS deployment ecs-svc/3 completed."),
                deployment("ecs-svc/2", "ACTIVE", RolloutState.FAILED, 0, 3, CIRCUIT_BREAKER)),
            List.of()));

    Plan plan = loop.after(Duration.ofSeconds(5)).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(degraded.lastTransitionTime()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void plan_newerRolloutStillInProgress_staysDegradedUntilItCompletes() {
    ObservedService retrying =
        b(
            List.of(
                deployment("ecs-svc/4", "PRIMARY", RolloutState.IN_PROGRESS, 0, 0, "in progress."),
                deployment("ecs-svc/2", "ACTIVE", RolloutState.FAILED, 0, 3, CIRCUIT_BREAKER),
                deployment("ecs-svc/1", "ACTIVE", RolloutState.COMPLETED, 3, 0, "completed.")),
            List.of());

    Plan plan = wake(Seed.awakeWorld().put(retrying), EnvironmentStatus.initial(), T0);

    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
  }

  @Test
  void plan_wakingWithAFailedRolloutInALaterTier_isDegradedAtOnce_andStillScalesTierZero() {
    ObservedService asleepAndFailed =
        new ObservedService(
            "b",
            ServiceStatus.ACTIVE,
            0,
            0,
            0,
            List.of(deployment("ecs-svc/2", "PRIMARY", RolloutState.FAILED, 0, 3, CIRCUIT_BREAKER)),
            List.of(),
            Optional.empty());

    Plan plan =
        wake(World.asleep(Seed.spec()).put(asleepAndFailed), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).containsExactly(new ScaleAction("a", "a", 1, 0));
    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(plan.status().condition(Conditions.DEGRADED).orElseThrow().message())
        .contains("service 'b'")
        .contains("no events reported");
  }

  @Test
  void plan_sleepingOrOutOfScope_ignoresAFailedRollout() {
    World world = Seed.awakeWorld().put(failedWithoutRollback());

    Plan sleeping =
        Planner.plan(Seed.spec(), Seed.asleep(), world.observed(), EnvironmentStatus.initial(), T0);
    Plan partial =
        Planner.plan(
            Seed.spec(), Seed.awake("a"), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(sleeping.status().phase()).isEqualTo(Phase.SLEEPING);
    assertThat(partial.status().phase()).isEqualTo(Phase.AWAKE);
  }

  @Test
  void plan_settledWhileATeamsRolloutIsInProgress_watchesItEveryFewSeconds() {
    ObservedService deploying =
        b(
            List.of(
                deployment("ecs-svc/4", "PRIMARY", RolloutState.IN_PROGRESS, 1, 0, "in progress."),
                deployment("ecs-svc/1", "ACTIVE", RolloutState.COMPLETED, 2, 0, "completed.")),
            List.of());

    Plan plan = wake(Seed.awakeWorld().put(deploying), EnvironmentStatus.initial(), T0);

    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(plan.requeueAfter()).isEqualTo(Requeue.ROLLOUT_WATCH);
    assertThat(wake(Seed.awakeWorld(), EnvironmentStatus.initial(), T0).requeueAfter())
        .isEqualTo(Requeue.DRIFT_CHECK);
  }

  @Test
  void plan_degradedWhileEcsRollsBack_looksAgainNoLaterThanTheRolloutWatch() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), Seed.awakeWorld().put(rollingBack()));
    loop.pass();

    Plan later = loop.after(Duration.ofMinutes(10)).pass();

    assertThat(later.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(later.requeueAfter()).isEqualTo(Requeue.ROLLOUT_WATCH);
  }
}
