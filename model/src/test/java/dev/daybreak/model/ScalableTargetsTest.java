package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalableTargetsTest {

  private static final ScalingBounds B_AWAKE = new ScalingBounds(2, 4, false, true, false);
  private static final ScalingBounds B_ASLEEP = B_AWAKE.asleep();

  /** One pass as the reconciler makes it: wake bounds, plan, then the targets' decision. */
  private record Pass(Plan plan, ScalableTargets.Decision decision) {}

  private static Pass pass(
      EnvironmentSpec spec,
      DesiredState desired,
      World world,
      Map<String, ScalingBounds> observed,
      EnvironmentStatus previous) {
    Plan plan =
        Planner.plan(
            spec,
            desired,
            world.observed(),
            previous,
            T0,
            ScalableTargets.wakeBounds(spec, observed, previous.savedScalableTargets()));
    return new Pass(plan, ScalableTargets.decide(spec, desired, plan, observed, previous, T0));
  }

  private static EnvironmentStatus saved(EnvironmentStatus status, Map<String, ScalingBounds> s) {
    return status.withScalableTargets(s, status.conditions());
  }

  private static EnvironmentStatus awakeStatus() {
    return pass(Seed.spec(), Seed.awake(), Seed.awakeWorld(), Map.of(), EnvironmentStatus.initial())
        .plan()
        .status();
  }

  @Test
  void decide_sleepStarts_savesTheTargetAsFoundAndSuspendsItBeforeScaling() {
    Pass p =
        pass(Seed.spec(), Seed.asleep(), Seed.awakeWorld(), Map.of("b", B_AWAKE), awakeStatus());

    assertThat(p.decision().saved()).isEqualTo(Map.of("b", B_AWAKE));
    assertThat(p.decision().actions())
        .containsExactly(
            new BoundsAction(
                "b", "b", new ScalingBounds(0, 4, true, true, true), BoundsAction.Kind.SUSPEND));
    assertThat(p.decision().conditions())
        .filteredOn(c -> c.type().equals(ScalableTargets.CONDITION))
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo(ScalableTargets.REASON_SAVED))
        .satisfies(c -> assertThat(c.message()).contains("b (min 2, max 4, suspended: out)"));
  }

  @Test
  void decide_sleepAfterACrashBeforeTheSuspend_suspendsAgainAndKeepsTheFirstSave() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.asleep(),
            Seed.awakeWorld(),
            Map.of("b", B_AWAKE),
            saved(awakeStatus(), Map.of("b", B_AWAKE)));

    assertThat(p.decision().actions())
        .extracting(BoundsAction::kind)
        .containsExactly(BoundsAction.Kind.SUSPEND);
    assertThat(p.decision().saved()).isEqualTo(Map.of("b", B_AWAKE));
  }

  @Test
  void decide_sleepWithTheTargetAlreadySuspended_callsNothingAndNeverOverwritesTheSave() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.asleep(),
            World.asleep(Seed.spec()),
            Map.of("b", B_ASLEEP),
            saved(awakeStatus(), Map.of("b", B_AWAKE)));

    assertThat(p.decision().actions()).isEmpty();
    assertThat(p.decision().saved()).isEqualTo(Map.of("b", B_AWAKE));
  }

  @Test
  void decide_wakeOfTierZero_doesNotRestoreATierOneTargetYet() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()),
            Map.of("b", B_ASLEEP),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE)));

    assertThat(p.plan().actions()).extracting(ScaleAction::service).containsExactly("a");
    assertThat(p.decision().actions()).isEmpty();
    assertThat(p.decision().saved()).isEqualTo(Map.of("b", B_AWAKE));
  }

  @Test
  void decide_wakeOfTierOne_restoresExactlyWhatWasSavedInThePassThatScalesIt() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1),
            Map.of("b", B_ASLEEP),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE)));

    assertThat(p.decision().actions())
        .containsExactly(new BoundsAction("b", "b", B_AWAKE, BoundsAction.Kind.RESTORE));
    assertThat(p.plan().actions()).containsExactly(new ScaleAction("b", "b", 3, 1));
    assertThat(p.decision().saved()).as("kept until a pass sees it restored").containsKey("b");
  }

  @Test
  void decide_tierOneBeingWokenButItsServiceNotScaledThisPass_doesNotRestoreItsTargetYet() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1).remove("b"),
            Map.of("b", B_ASLEEP),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE)));

    assertThat(p.plan().status().currentTier()).isEqualTo(1);
    assertThat(p.plan().actions()).extracting(ScaleAction::service).doesNotContain("b");
    assertThat(p.decision().actions()).as("restored only with b's own UpdateService").isEmpty();
    assertThat(p.decision().saved()).isEqualTo(Map.of("b", B_AWAKE));
  }

  @Test
  void decide_tierOneServiceAlreadyAtItsWakeCount_restoresWithoutAnUpdateService() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 0),
            Map.of("b", B_ASLEEP),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE)));

    assertThat(p.plan().actions()).extracting(ScaleAction::service).doesNotContain("b");
    assertThat(p.decision().actions())
        .containsExactly(new BoundsAction("b", "b", B_AWAKE, BoundsAction.Kind.RESTORE));
  }

  @Test
  void decide_wakeAfterTheRestoreWasObserved_dropsTheSaveAndCallsNothing() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 0),
            Map.of("b", B_AWAKE),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE)));

    assertThat(p.decision().actions()).isEmpty();
    assertThat(p.decision().saved()).isEmpty();
    assertThat(p.decision().conditions())
        .noneMatch(c -> c.type().equals(ScalableTargets.CONDITION));
  }

  @Test
  void plan_replicasBelowTheRestoredMinimum_wakesToTheMinimumAndTheStatusSaysSo() {
    ScalingBounds c = new ScalingBounds(2, 5, false, false, false);
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3),
            Map.of("c", c.asleep()),
            saved(EnvironmentStatus.initial(), Map.of("c", c)));

    assertThat(p.plan().actions()).contains(new ScaleAction("c", "c", 2, 2));
    assertThat(p.plan().status().services().get("c").target()).isEqualTo(2);
    assertThat(p.decision().actions())
        .containsExactly(new BoundsAction("c", "c", c, BoundsAction.Kind.RESTORE));
    assertThat(p.decision().conditions())
        .filteredOn(x -> x.type().equals(ScalableTargets.CONDITION))
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo(ScalableTargets.REASON_COUNT_ADJUSTED))
        .satisfies(
            x ->
                assertThat(x.message())
                    .contains("c wakes to 2, not 1: its scalable target's MinCapacity is 2"));
  }

  @Test
  void plan_replicasAboveTheMaximum_wakesToTheMaximum() {
    ScalingBounds d = new ScalingBounds(1, 5, false, false, false);
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3),
            Map.of("d", d),
            EnvironmentStatus.initial());

    assertThat(p.plan().actions()).contains(new ScaleAction("d", "d", 5, 2));
  }

  @Test
  void decide_partialWake_leavesTheTargetsOfServicesOutsideItSuspended() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake("b"),
            World.asleep(Seed.spec()).set("a", 1, 1).set("b", 3, 3),
            Map.of("b", B_ASLEEP, "c", B_ASLEEP),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE, "c", B_AWAKE)));

    assertThat(p.decision().actions())
        .containsExactly(new BoundsAction("b", "b", B_AWAKE, BoundsAction.Kind.RESTORE));
    assertThat(p.decision().saved()).containsKeys("b", "c");
  }

  @Test
  void decide_targetDeregisteredWhileAsleep_isForgottenWithNothingToRestore() {
    Pass p =
        pass(
            Seed.spec(),
            Seed.awake(),
            World.asleep(Seed.spec()).set("a", 1, 1),
            Map.of(),
            saved(EnvironmentStatus.initial(), Map.of("b", B_AWAKE)));

    assertThat(p.decision().actions()).isEmpty();
    assertThat(p.decision().saved()).isEmpty();
  }

  @Test
  void decide_ignore_callsNothingSavesNothingAndLeavesTheWakeCountAlone() {
    EnvironmentSpec base = Seed.spec();
    EnvironmentSpec ignore =
        new EnvironmentSpec(
            base.name(),
            base.cluster(),
            base.services(),
            base.sleepOrder(),
            Optional.empty(),
            base.notifications(),
            base.access(),
            base.labels(),
            AutoscalingMode.IGNORE,
            AwsSpec.home());
    Pass sleep =
        pass(ignore, Seed.asleep(), Seed.awakeWorld(), Map.of("b", B_AWAKE), awakeStatus());
    Pass wake =
        pass(
            ignore,
            Seed.awake(),
            World.asleep(ignore).set("a", 1, 1).set("b", 0, 0),
            Map.of("c", new ScalingBounds(2, 5, false, false, false)),
            EnvironmentStatus.initial());

    assertThat(sleep.decision().actions()).isEmpty();
    assertThat(sleep.decision().saved()).isEmpty();
    assertThat(ScalableTargets.wakeBounds(ignore, Map.of("b", B_AWAKE), Map.of())).isEmpty();
    assertThat(wake.decision().actions()).isEmpty();
  }

  @Test
  void decide_everyStepRepeatedAfterAStopBetweenCalls_convergesToTheSavedBounds() {
    // A tiny world: what Application Auto Scaling holds for b, driven by repeated decisions, each
    // pass stopping after k of its calls. Whatever k, the end state is the same.
    for (int stopAfter = 0; stopAfter <= 2; stopAfter++) {
      ScalingBounds target = B_AWAKE;
      EnvironmentStatus status = awakeStatus();
      for (int n = 0; n < 4; n++) {
        Pass p =
            pass(
                Seed.spec(), Seed.asleep(), World.asleep(Seed.spec()), Map.of("b", target), status);
        status = saved(p.plan().status(), p.decision().saved());
        List<BoundsAction> done =
            p.decision()
                .actions()
                .subList(0, Math.min(stopAfter + n, p.decision().actions().size()));
        for (BoundsAction a : done) {
          target = a.bounds();
        }
      }
      assertThat(target).as("stop after %d call(s)", stopAfter).isEqualTo(B_ASLEEP);
      assertThat(status.savedScalableTargets()).isEqualTo(Map.of("b", B_AWAKE));
      for (int n = 0; n < 6; n++) {
        World world = World.asleep(Seed.spec()).set("a", 1, 1);
        Pass p = pass(Seed.spec(), Seed.awake(), world, Map.of("b", target), status);
        status = saved(p.plan().status(), p.decision().saved());
        List<BoundsAction> done =
            p.decision()
                .actions()
                .subList(0, Math.min(stopAfter + n, p.decision().actions().size()));
        for (BoundsAction a : done) {
          target = a.bounds();
        }
      }
      assertThat(target).as("stop after %d call(s)", stopAfter).isEqualTo(B_AWAKE);
      assertThat(status.savedScalableTargets()).isEmpty();
    }
  }
}
