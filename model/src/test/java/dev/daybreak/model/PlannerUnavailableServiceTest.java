package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Services ECS does not report as ACTIVE: MISSING, INACTIVE, DRAINING. */
class PlannerUnavailableServiceTest {

  @Test
  void plan_serviceAbsentFromObserved_isMissingAndNamed() {
    World world = World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3).remove("d");

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_SERVICE_MISSING);
    assertThat(degraded.message())
        .isEqualTo(
            "service 'd': ECS service 'd' in cluster 'dev-cluster' does not exist; create it, or"
                + " correct ecsService in the manifest");
  }

  @ParameterizedTest
  @CsvSource({
    "MISSING, ServiceMissing, does not exist",
    "INACTIVE, ServiceInactive, is INACTIVE (deleted)",
    "DRAINING, ServiceDraining, is DRAINING (being deleted) and cannot be scaled"
  })
  void plan_unavailableServiceInATier_othersOfTheTierStillScaleAndTheNextTierWaits(
      ServiceStatus status, String reason, String says) {
    World world =
        World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3).put(World.inStatus("d", status, 0));

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).extracting(ScaleAction::service).containsExactly("c", "e");
    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(reason);
    assertThat(degraded.message()).startsWith("service 'd': ECS service 'd'").contains(says);
    assertThat(plan.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.WAKE_STARTED, TransitionKind.DEGRADED);
  }

  @Test
  void plan_unavailableServiceInALowerTier_blocksHigherTiers() {
    World world = World.asleep(Seed.spec()).set("a", 1, 1).remove("b");

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().currentTier()).isEqualTo(1);
    assertThat(plan.requeueAfter())
        .as("nothing can progress: back off")
        .isEqualTo(Requeue.DEGRADED_MIN);
  }

  @Test
  void plan_unavailableServiceInAHigherTier_isReportedAtOnceWhileLowerTiersWake() {
    World world = World.asleep(Seed.spec()).remove("e");

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).containsExactly(new ScaleAction("a", "a", 1, 0));
    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(plan.requeueAfter()).as("tier 0 is progressing").isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void plan_severalProblems_reasonOfTheLowestTierAndEveryServiceInTheMessage() {
    World world =
        World.asleep(Seed.spec())
            .set("a", 1, 1)
            .put(World.inStatus("b", ServiceStatus.DRAINING, 0))
            .remove("e");

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_SERVICE_DRAINING);
    assertThat(degraded.message()).contains("service 'b'").contains("service 'e'");
    assertThat(plan.transitions())
        .filteredOn(t -> t.kind() == TransitionKind.DEGRADED)
        .singleElement()
        .satisfies(t -> assertThat(t.services()).containsExactly("b", "e"));
  }

  @Test
  void plan_drainingDependentStillRunning_keepsItsDependencyUpDuringSleep() {
    World world =
        Seed.awakeWorld()
            .set("c", 0, 0)
            .set("d", 0, 0)
            .put(World.inStatus("e", ServiceStatus.DRAINING, 1));

    Plan plan =
        Planner.plan(Seed.spec(), Seed.asleep(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().currentTier()).isEqualTo(2);
    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
  }

  @Test
  void plan_sleepWithAMissingService_stopsTheRestAndStaysDegradedUntilFixed() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld().remove("c"));
    Plan settled = loop.untilSettled();

    assertThat(settled.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(settled.status().currentTier()).isEqualTo(-1);
    assertThat(loop.world.get("a").desiredCount()).isZero();
    assertThat(settled.requeueAfter()).isBetween(Requeue.DEGRADED_MIN, Requeue.DEGRADED_MAX);

    loop.world.set("c", 0, 0);
    Plan fixed = loop.after(Duration.ofMinutes(1)).pass();

    assertThat(fixed.status().phase()).isEqualTo(Phase.ASLEEP);
    assertThat(fixed.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.RECOVERED, TransitionKind.ASLEEP);
  }
}
