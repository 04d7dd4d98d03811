package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerSleepTest {

  @Test
  void plan_reverseSleep_scalesHighestTierFirst() {
    Plan plan =
        Planner.plan(
            Seed.spec(),
            Seed.asleep(),
            Seed.awakeWorld().observed(),
            EnvironmentStatus.initial(),
            T0);

    assertThat(plan.actions())
        .containsExactly(
            new ScaleAction("c", "c", 0, 2),
            new ScaleAction("d", "d", 0, 2),
            new ScaleAction("e", "e", 0, 2));
    assertThat(plan.status().phase()).isEqualTo(Phase.SLEEPING);
    assertThat(plan.status().currentTier()).isEqualTo(2);
  }

  @Test
  void plan_reverseSleep_dependentStillRunning_keepsItsDependencyUp() {
    World world = Seed.awakeWorld().set("c", 0, 0).set("d", 0, 2).set("e", 0, 0);

    Plan plan =
        Planner.plan(Seed.spec(), Seed.asleep(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().currentTier()).isEqualTo(2);
    assertThat(plan.status().condition(Conditions.READY).orElseThrow().message())
        .isEqualTo("stopping tier 2: waiting for d");
  }

  @Test
  void plan_reverseSleep_dependentsStopped_scalesTheNextTierDown() {
    World world = Seed.awakeWorld().set("c", 0, 0).set("d", 0, 0).set("e", 0, 0);

    Plan plan =
        Planner.plan(Seed.spec(), Seed.asleep(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).containsExactly(new ScaleAction("b", "b", 0, 1));
  }

  @Test
  void plan_reverseSleep_withEcsCatchingUp_stopsOneTierPerPassDependentsFirst() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());

    List<List<String>> scaledPerPass = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      scaledPerPass.add(loop.pass().actions().stream().map(ScaleAction::service).toList());
      loop.world.settle();
    }
    Plan last = loop.pass();

    assertThat(scaledPerPass).containsExactly(List.of("c", "d", "e"), List.of("b"), List.of("a"));
    assertThat(last.actions()).isEmpty();
    assertThat(last.status().phase()).isEqualTo(Phase.ASLEEP);
    assertThat(last.status().currentTier()).isEqualTo(-1);
    assertThat(last.requeueAfter()).isEqualTo(Requeue.DRIFT_CHECK);
    assertThat(last.status().condition(Conditions.READY).orElseThrow().message())
        .isEqualTo("all 5 services stopped");
  }

  @Test
  void plan_parallelSleep_scalesEveryServiceAtOnce() {
    EnvironmentSpec spec = Seed.spec(SleepOrder.PARALLEL);

    Plan plan =
        Planner.plan(
            spec, Seed.asleep(), Seed.awakeWorld().observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions())
        .extracting(ScaleAction::service, ScaleAction::desiredCount)
        .containsExactly(tuple("a", 0), tuple("b", 0), tuple("c", 0), tuple("d", 0), tuple("e", 0));
    assertThat(plan.status().condition(Conditions.READY).orElseThrow().message())
        .isEqualTo("stopping all services: waiting for a, b, c, d, e");
  }

  @Test
  void plan_sleepStarts_savesEveryCountBeforeScalingAnythingDown() {
    World world = Seed.awakeWorld().set("d", 4, 4);

    Plan plan =
        Planner.plan(Seed.spec(), Seed.asleep(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).extracting(ScaleAction::tier).containsOnly(2);
    assertThat(plan.status().savedCounts())
        .isEqualTo(Map.of("a", 1, "b", 3, "c", 1, "d", 4, "e", 1));
  }

  @Test
  void plan_sleepInProgress_keepsTheCountsSavedAtItsStart() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());
    Map<String, Integer> atStart = loop.pass().status().savedCounts();
    loop.world.settle();

    Plan second = loop.after(Duration.ofSeconds(2)).pass();

    assertThat(second.status().savedCounts()).isEqualTo(atStart);
    assertThat(loop.world.get("d").desiredCount()).isZero();
  }

  @Test
  void plan_sleepStarts_serviceAlreadyAtZero_keepsTheCountSavedAtTheLastSleep() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());
    loop.untilSettled();
    loop.desired = Seed.awake("b");
    loop.untilSettled();
    loop.desired = Seed.asleep();

    Plan plan = loop.pass();

    assertThat(plan.status().savedCounts())
        .as("d stayed asleep through the partial wake; its earlier count is kept")
        .isEqualTo(Map.of("a", 1, "b", 3, "c", 1, "d", 7, "e", 1));
  }

  @Test
  void plan_sleepThenWake_restoresTheCountsSavedAtSleep() {
    EnvironmentSpec spec =
        Seed.specWith(
            Seed.service("d", Replicas.restore(1), Readiness.RUNNING, Duration.ofMinutes(5), "b"));
    PlanLoop loop = new PlanLoop(spec, Seed.asleep(), Seed.awakeWorld().set("d", 5, 5));
    loop.untilSettled();
    assertThat(loop.world.get("d").desiredCount()).isZero();

    loop.desired = Seed.awake();
    Plan awake = loop.untilSettled();

    assertThat(awake.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(loop.world.get("d").desiredCount()).isEqualTo(5);
    assertThat(awake.status().services().get("d").target()).isEqualTo(5);
  }

  @Test
  void plan_sleep_ignoresTheServiceSubsetOfTheDesiredState() {
    DesiredState asleepWithSubset =
        new DesiredState(State.ASLEEP, Optional.empty(), Set.of("a"), "bob", "night", T0);

    Plan plan =
        Planner.plan(
            Seed.spec(),
            asleepWithSubset,
            Seed.awakeWorld().observed(),
            EnvironmentStatus.initial(),
            T0);

    assertThat(plan.actions()).extracting(ScaleAction::service).containsExactly("c", "d", "e");
  }
}
