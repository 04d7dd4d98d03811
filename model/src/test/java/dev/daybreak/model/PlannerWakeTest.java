package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerWakeTest {

  private static Plan wake(World world, EnvironmentStatus previous) {
    return Planner.plan(Seed.spec(), Seed.awake(), world.observed(), previous, T0);
  }

  @Test
  void plan_everythingAsleep_scalesOnlyTierZero() {
    Plan plan = wake(World.asleep(Seed.spec()), EnvironmentStatus.initial());

    assertThat(plan.actions()).containsExactly(new ScaleAction("a", "a", 1, 0));
    assertThat(plan.status().phase()).isEqualTo(Phase.WAKING);
    assertThat(plan.status().currentTier()).isZero();
    assertThat(plan.requeueAfter()).isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void plan_tierZeroScaledButNotRunning_doesNotScaleTierOne() {
    Plan plan = wake(World.asleep(Seed.spec()).set("a", 1, 0), EnvironmentStatus.initial());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().currentTier()).isZero();
    assertThat(plan.status().services().get("a").ready()).isFalse();
  }

  @Test
  void plan_tierZeroReady_scalesTierOne() {
    Plan plan = wake(World.asleep(Seed.spec()).set("a", 1, 1), EnvironmentStatus.initial());

    assertThat(plan.actions()).containsExactly(new ScaleAction("b", "b", 3, 1));
    assertThat(plan.status().currentTier()).isEqualTo(1);
  }

  @Test
  void plan_tierOneNotReady_doesNotScaleTierTwo() {
    Plan plan =
        wake(World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 2), EnvironmentStatus.initial());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().currentTier()).isEqualTo(1);
    assertThat(plan.status().condition(Conditions.READY).orElseThrow().message())
        .isEqualTo("waking tier 1: waiting for b");
  }

  @Test
  void plan_tierOneReady_scalesEveryServiceOfTierTwoInOnePass() {
    Plan plan =
        wake(World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3), EnvironmentStatus.initial());

    assertThat(plan.actions())
        .containsExactly(
            new ScaleAction("c", "c", 1, 2),
            new ScaleAction("d", "d", 7, 2),
            new ScaleAction("e", "e", 1, 2));
  }

  @Test
  void plan_serviceAlreadyAboveTarget_isLeftAloneAndCountsAsReady() {
    World world = Seed.awakeWorld().set("d", 9, 9).set("e", 0, 0);

    Plan plan = wake(world, EnvironmentStatus.initial());

    assertThat(plan.actions()).containsExactly(new ScaleAction("e", "e", 1, 2));
    assertThat(plan.status().services().get("d"))
        .isEqualTo(new ServiceReadiness(2, true, 7, 9, 9, 0, Optional.empty()));
  }

  @Test
  void plan_lowerTierLosesItsTasks_returnsToThatTierWithoutTouchingHigherTiers() {
    World world = Seed.awakeWorld().set("a", 1, 0);

    Plan plan = wake(world, EnvironmentStatus.initial());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().currentTier()).isZero();
    assertThat(plan.status().services().get("d").ready()).isTrue();
  }

  @Test
  void plan_everyServiceReady_isAwakeWithNoActionsAndADriftCheck() {
    Plan plan = wake(Seed.awakeWorld(), EnvironmentStatus.initial());

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(plan.status().currentTier()).isEqualTo(-1);
    assertThat(plan.requeueAfter()).isEqualTo(Requeue.DRIFT_CHECK);
    Condition ready = plan.status().condition(Conditions.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(ready.message()).isEqualTo("all 5 services ready");
  }

  @Test
  void plan_fromNothing_wakesTierByTierWithEcsCatchingUp() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec()));

    List<List<String>> scaledPerPass = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      scaledPerPass.add(loop.pass().actions().stream().map(ScaleAction::service).toList());
      loop.world.settle();
    }
    Plan last = loop.pass();

    assertThat(scaledPerPass).containsExactly(List.of("a"), List.of("b"), List.of("c", "d", "e"));
    assertThat(last.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(last.actions()).isEmpty();
  }

  @Test
  void plan_stableReadiness_holdsTheNextTierUntilTheRolloutCompletes() {
    EnvironmentSpec spec =
        Seed.specWith(
            Seed.service("b", Replicas.fixed(3), Readiness.STABLE, Duration.ofMinutes(5), "a"));
    ObservedService rolling =
        new ObservedService(
            "b",
            ServiceStatus.ACTIVE,
            3,
            3,
            0,
            List.of(
                new Deployment("new", "PRIMARY", RolloutState.IN_PROGRESS, 3, 3, 0, 0),
                new Deployment("old", "ACTIVE", RolloutState.COMPLETED, 0, 0, 0, 0)),
            List.of(),
            Optional.empty());
    World world = World.asleep(spec).set("a", 1, 1).put(rolling);

    Plan rollingOut =
        Planner.plan(spec, Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);
    Plan completed =
        Planner.plan(
            spec, Seed.awake(), world.set("b", 3, 3).observed(), EnvironmentStatus.initial(), T0);

    assertThat(rollingOut.actions()).isEmpty();
    assertThat(rollingOut.status().services().get("b").ready()).isFalse();
    assertThat(completed.actions()).extracting(ScaleAction::service).containsExactly("c", "d", "e");
  }

  @Test
  void plan_ecsServiceNameDiffersFromLogicalName_observesAndScalesTheEcsService() {
    EnvironmentSpec spec =
        Seed.spec(
            SleepOrder.REVERSE,
            List.of(
                new ServiceSpec(
                    "api",
                    "dev-api-svc",
                    Replicas.fixed(2),
                    Readiness.RUNNING,
                    ServiceSpec.DEFAULT_TIMEOUT,
                    List.of())));

    Plan plan =
        Planner.plan(
            spec,
            Seed.awake(),
            Map.of("dev-api-svc", World.active("dev-api-svc", 0, 0)),
            EnvironmentStatus.initial(),
            T0);

    assertThat(plan.actions()).containsExactly(new ScaleAction("api", "dev-api-svc", 2, 0));
    assertThat(plan.status().services()).containsOnlyKeys("api");
    assertThat(plan.status().phase()).isEqualTo(Phase.WAKING);
  }

  @Test
  void plan_restoreWithSavedCount_wakesToTheSavedCount() {
    EnvironmentSpec spec =
        Seed.specWith(
            Seed.service("d", Replicas.restore(2), Readiness.RUNNING, Duration.ofMinutes(5), "b"));
    World world = Seed.awakeWorld().set("d", 0, 0);
    EnvironmentStatus previous = withSavedCounts(Map.of("d", 5));

    Plan plan = Planner.plan(spec, Seed.awake(), world.observed(), previous, T0);

    assertThat(plan.actions()).containsExactly(new ScaleAction("d", "d", 5, 2));
  }

  @Test
  void plan_restoreWithoutSavedCount_wakesToTheFallback() {
    EnvironmentSpec spec =
        Seed.specWith(
            Seed.service("d", Replicas.restore(2), Readiness.RUNNING, Duration.ofMinutes(5), "b"));
    World world = Seed.awakeWorld().set("d", 0, 0);

    Plan zeroSaved =
        Planner.plan(spec, Seed.awake(), world.observed(), withSavedCounts(Map.of("d", 0)), T0);
    Plan noneSaved =
        Planner.plan(spec, Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(zeroSaved.actions()).containsExactly(new ScaleAction("d", "d", 2, 2));
    assertThat(noneSaved.actions()).containsExactly(new ScaleAction("d", "d", 2, 2));
  }

  @Test
  void plan_statusServices_reportTierTargetCountsAndFailedTasksForEveryService() {
    World world = World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 1);

    Plan plan = wake(world, EnvironmentStatus.initial());

    assertThat(plan.status().services()).containsOnlyKeys("a", "b", "c", "d", "e");
    assertThat(plan.status().services().get("a"))
        .isEqualTo(new ServiceReadiness(0, true, 1, 1, 1, 0, Optional.empty()));
    assertThat(plan.status().services().get("b"))
        .isEqualTo(new ServiceReadiness(1, false, 3, 3, 1, 0, Optional.of(T0)));
    assertThat(plan.status().services().get("d"))
        .isEqualTo(new ServiceReadiness(2, false, 7, 0, 0, 0, Optional.empty()));
  }

  private static EnvironmentStatus withSavedCounts(Map<String, Integer> saved) {
    EnvironmentStatus initial = EnvironmentStatus.initial();
    return new EnvironmentStatus(
        initial.formatVersion(),
        initial.phase(),
        initial.target(),
        initial.currentTier(),
        initial.services(),
        initial.conditions(),
        saved,
        initial.observedGeneration(),
        initial.operationStartedAt());
  }
}
