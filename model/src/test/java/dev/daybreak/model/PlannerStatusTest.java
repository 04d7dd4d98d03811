package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Phases, transitions, conditions, requeue and idempotence across passes. */
class PlannerStatusTest {

  @Test
  void plan_targetChangesToAwake_announcesWakeStartedAndRecordsTheOperationStart() {
    Plan plan =
        Planner.plan(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).observed(),
            EnvironmentStatus.initial(),
            T0);

    assertThat(plan.status().target()).contains(State.AWAKE);
    assertThat(plan.status().operationStartedAt()).contains(T0);
    assertThat(plan.transitions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TransitionKind.WAKE_STARTED);
              assertThat(t.services()).containsExactly("a", "b", "c", "d", "e");
              assertThat(t.message())
                  .isEqualTo(
                      "waking environment 'dev': 5 services, lowest tier first (requested by alice:"
                          + " morning)");
            });
  }

  @Test
  void plan_wholeWake_announcesStartEachTierAndAwakeOnce() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec()));
    List<Transition> announced = new ArrayList<>();
    for (int pass = 0; pass < 5; pass++) {
      announced.addAll(loop.pass().transitions());
      loop.world.settle();
      loop.after(Duration.ofSeconds(2));
    }

    assertThat(announced)
        .extracting(Transition::kind, Transition::tier)
        .containsExactly(
            tuple(TransitionKind.WAKE_STARTED, -1),
            tuple(TransitionKind.TIER_DONE, 0),
            tuple(TransitionKind.TIER_DONE, 1),
            tuple(TransitionKind.TIER_DONE, 2),
            tuple(TransitionKind.AWAKE, -1));
    assertThat(announced.get(3).message())
        .isEqualTo("environment 'dev': tier 2 is ready (c, d, e)");
    assertThat(announced.get(4).message())
        .isEqualTo("environment 'dev' is awake: 5 services ready");
    assertThat(loop.status.operationStartedAt()).contains(T0);
  }

  @Test
  void plan_wholeSleep_announcesStartEachTierDownwardAndAsleep() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());
    List<Transition> announced = new ArrayList<>();
    for (int pass = 0; pass < 5; pass++) {
      announced.addAll(loop.pass().transitions());
      loop.world.settle();
    }

    assertThat(announced)
        .extracting(Transition::kind, Transition::tier)
        .containsExactly(
            tuple(TransitionKind.SLEEP_STARTED, -1),
            tuple(TransitionKind.TIER_DONE, 2),
            tuple(TransitionKind.TIER_DONE, 1),
            tuple(TransitionKind.TIER_DONE, 0),
            tuple(TransitionKind.ASLEEP, -1));
    assertThat(announced.get(0).message())
        .isEqualTo(
            "putting environment 'dev' to sleep: 5 services, dependents first (requested by"
                + " schedule: night)");
    assertThat(announced.get(1).message())
        .isEqualTo("environment 'dev': tier 2 has stopped (c, d, e)");
  }

  @Test
  void plan_tiersAlreadyReadyWhenAWakeStarts_areNotAnnouncedAsDone() {
    World world = World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3);

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.WAKE_STARTED);
  }

  @Test
  void plan_convergedAwake_returnsNoActionsNoTransitionsAndTheSameStatus() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec()));
    Plan settled = loop.untilSettled();

    Plan again = loop.after(Duration.ofHours(3)).pass();

    assertThat(settled.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(again.actions()).isEmpty();
    assertThat(again.transitions()).isEmpty();
    assertThat(again.status()).isEqualTo(settled.status());
    assertThat(again.requeueAfter()).isEqualTo(Requeue.DRIFT_CHECK);
  }

  @Test
  void plan_convergedAsleep_returnsNoActionsNoTransitionsAndTheSameStatus() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());
    Plan settled = loop.untilSettled();

    Plan again = loop.after(Duration.ofHours(8)).pass();

    assertThat(again.actions()).isEmpty();
    assertThat(again.transitions()).isEmpty();
    assertThat(again.status()).isEqualTo(settled.status());
  }

  @Test
  void plan_conditionStatusUnchanged_keepsItsLastTransitionTime() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec()));
    loop.pass();
    loop.world.settle();
    Instant readySince = loop.status.condition(Conditions.READY).orElseThrow().lastTransitionTime();

    loop.after(Duration.ofSeconds(2)).pass();
    Condition stillWaking = loop.status.condition(Conditions.READY).orElseThrow();
    loop.world.settle();
    loop.after(Duration.ofSeconds(2)).pass();
    loop.world.settle();
    Plan awake = loop.after(Duration.ofSeconds(2)).pass();

    assertThat(stillWaking.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(stillWaking.lastTransitionTime()).isEqualTo(readySince).isEqualTo(T0);
    Condition ready = awake.status().condition(Conditions.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(ready.lastTransitionTime()).isEqualTo(loop.now);
    assertThat(awake.status().condition(Conditions.DEGRADED).orElseThrow().lastTransitionTime())
        .isEqualTo(T0);
  }

  @Test
  void plan_settledAwakeServiceScaledDownByHand_reassertsItAndAnnouncesDrift() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec()));
    loop.untilSettled();
    loop.world.set("d", 2, 7);

    Plan plan = loop.after(Duration.ofMinutes(1)).pass();

    assertThat(plan.actions()).containsExactly(new ScaleAction("d", "d", 7, 2));
    assertThat(plan.transitions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TransitionKind.DRIFT_CORRECTED);
              assertThat(t.services()).containsExactly("d");
              assertThat(t.message())
                  .isEqualTo(
                      "environment 'dev' had drifted from its state; set desiredCount of d from 2"
                          + " to 7");
            });
    assertThat(plan.status().operationStartedAt()).contains(T0);
  }

  @Test
  void plan_settledAsleepServiceStartedByHand_stopsItAgainAndAnnouncesDrift() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());
    Plan asleep = loop.untilSettled();
    loop.world.set("b", 2, 2);

    Plan plan = loop.after(Duration.ofMinutes(1)).pass();

    assertThat(plan.actions()).containsExactly(new ScaleAction("b", "b", 0, 1));
    assertThat(plan.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.DRIFT_CORRECTED);
    assertThat(plan.status().savedCounts())
        .as("counts are saved when a sleep starts, not on drift")
        .isEqualTo(asleep.status().savedCounts());
    loop.world.settle();
    assertThat(loop.after(Duration.ofSeconds(2)).pass().transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.TIER_DONE, TransitionKind.ASLEEP);
  }

  @Test
  void plan_observedGenerationAndOtherConditions_areCarriedOver() {
    Condition foreign = new Condition("SpecValid", ConditionStatus.TRUE, "Valid", "ok", T0);
    EnvironmentStatus previous =
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            Phase.ASLEEP,
            Optional.empty(),
            -1,
            Map.of(),
            List.of(foreign),
            Map.of(),
            42,
            Optional.empty());

    Plan plan = Planner.plan(Seed.spec(), Seed.awake(), Seed.awakeWorld().observed(), previous, T0);

    assertThat(plan.status().observedGeneration()).isEqualTo(42);
    assertThat(plan.status().conditions())
        .extracting(Condition::type)
        .containsExactly(Conditions.READY, Conditions.DEGRADED, "SpecValid");
    assertThat(plan.status().formatVersion()).isEqualTo(EnvironmentStatus.FORMAT_VERSION);
  }

  @Test
  void plan_sameInputsInAnyOrder_giveTheSamePlan() {
    World world = World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3).remove("d");
    List<ServiceSpec> shuffled = new ArrayList<>(Seed.spec().services());
    Collections.reverse(shuffled);
    EnvironmentSpec reordered = Seed.spec(SleepOrder.REVERSE, shuffled);

    Plan plan =
        Planner.plan(Seed.spec(), Seed.awake(), world.observed(), EnvironmentStatus.initial(), T0);
    Plan again =
        Planner.plan(
            reordered,
            Seed.awake(),
            new TreeMap<>(world.observed()),
            EnvironmentStatus.initial(),
            T0);

    assertThat(again).isEqualTo(plan);
  }
}
