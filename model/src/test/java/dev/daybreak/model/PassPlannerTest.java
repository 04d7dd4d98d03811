package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Stagger;
import dev.daybreak.model.schedule.StaggerSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A whole pass decided without a simulator or a store: what to write and when, what a completed
 * wake measures, what the sleep ledger records, and when to look again.
 */
class PassPlannerTest {

  private static final long GENERATION = 7;
  private static final StaggerSlot UNSTAGGERED = new StaggerSlot("dev", Duration.ZERO);
  private static final TaskSize SIZE = TaskSize.linuxX86(256, 512);

  /** Plays the reconciler: decides a pass, keeps its status, performs its actions. */
  private static final class Passes {
    final World world = World.asleep(Seed.spec());
    EnvironmentStatus status = EnvironmentStatus.initial();
    Instant now = T0;
    int askedForSizes;

    PassDecision decide(DesiredState desired) {
      return decide(stored(desired), UNSTAGGERED, Map.of());
    }

    PassDecision decide(Resolution resolution, StaggerSlot slot, Map<String, TaskSize> sizes) {
      return PassPlanner.decide(
          new PassInputs(
              Seed.spec(),
              GENERATION,
              resolution,
              slot,
              world.observed(),
              Map.of(),
              status,
              sizes,
              now));
    }

    PassDecision pass(DesiredState desired) {
      PassDecision decision = decide(desired);
      if (decision.needsTaskSizes()) {
        askedForSizes++;
        decision = decide(stored(desired), UNSTAGGERED, sizes());
      }
      status = decision.status();
      world.apply(decision.actions());
      return decision;
    }

    /** Passes with ECS catching up after each, until one has nothing to do or wait for. */
    PassDecision untilSettled(DesiredState desired) {
      for (int i = 0; i < 20; i++) {
        PassDecision decision = pass(desired);
        world.settle();
        now = now.plus(Duration.ofSeconds(20));
        if (decision.actions().isEmpty() && decision.status().currentTier() < 0) {
          return decision;
        }
      }
      throw new AssertionError("not settled after 20 passes; status " + status);
    }
  }

  private static Resolution stored(DesiredState desired) {
    return new Resolution(desired, Resolution.Reason.STORED, Optional.empty(), Optional.empty());
  }

  private static Map<String, TaskSize> sizes() {
    return Map.of("a", SIZE, "b", SIZE, "c", SIZE, "d", SIZE, "e", SIZE);
  }

  @Test
  void decide_firstPassOfAWake_writesTheStatusOfThisGeneration_andScalesTierZero() {
    PassDecision decision = new Passes().decide(Seed.awake());

    assertThat(decision.writeStatus()).isTrue();
    assertThat(decision.status().observedGeneration()).isEqualTo(GENERATION);
    assertThat(decision.actions())
        .extracting(ScaleAction::service, ScaleAction::desiredCount)
        .containsExactly(tuple("a", 1));
    assertThat(decision.requeueAfter()).isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void decide_settledAndUnchanged_writesNothingAndWaitsForTheDriftCheck() {
    Passes passes = new Passes();
    passes.untilSettled(Seed.awake());

    PassDecision again = passes.decide(Seed.awake());

    assertThat(again.writeStatus()).isFalse();
    assertThat(again.actions()).isEmpty();
    assertThat(again.transitions()).isEmpty();
    assertThat(again.requeueAfter()).isEqualTo(Requeue.DRIFT_CHECK);
  }

  @Test
  void decide_completedWholeWake_measuresItFromTheOperationsStart() {
    Passes passes = new Passes();

    PassDecision awake = passes.untilSettled(Seed.awake());

    assertThat(awake.status().phase()).isEqualTo(Phase.AWAKE);
    Instant last = passes.now.minus(Duration.ofSeconds(20));
    assertThat(awake.status().wakeDurations()).containsExactly(Duration.between(T0, last));
  }

  @Test
  void decide_partialWake_measuresNothing() {
    PassDecision awake = new Passes().untilSettled(Seed.awake("b"));

    assertThat(awake.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(awake.status().wakeDurations()).isEmpty();
  }

  @Test
  void decide_servicesGoingDown_askForTaskSizes_andRecordTheSizesGiven() {
    Passes passes = new Passes();
    passes.untilSettled(Seed.awake());
    assertThat(passes.askedForSizes).isZero();

    passes.untilSettled(Seed.asleep());

    assertThat(passes.askedForSizes).isPositive();
    assertThat(passes.status.downSince()).containsOnlyKeys("a", "b", "c", "d", "e");
    assertThat(passes.status.downSince().values())
        .allSatisfy(d -> assertThat(d.size()).contains(SIZE));
  }

  @Test
  void decide_servicesAlreadyDownAndSized_asksForNothingAndWritesNothing() {
    Passes passes = new Passes();
    passes.untilSettled(Seed.awake());
    passes.untilSettled(Seed.asleep());

    PassDecision again = passes.decide(Seed.asleep());

    assertThat(again.needsTaskSizes()).isFalse();
    assertThat(again.writeStatus()).isFalse();
    assertThat(again.ended()).isEmpty();
  }

  @Test
  void decide_wakeAfterASleep_endsEveryDowntimeInItsFirstPass() {
    Passes passes = new Passes();
    passes.untilSettled(Seed.awake());
    passes.untilSettled(Seed.asleep());

    PassDecision first = passes.pass(Seed.awake());

    assertThat(first.ended())
        .extracting(d -> d.service())
        .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(first.ended()).allSatisfy(d -> assertThat(d.size()).contains(SIZE));
    assertThat(first.writeStatus()).isTrue();
    assertThat(first.status().downSince()).isEmpty();
  }

  @Test
  void decide_nextEdgeSoonerThanThePlan_requeuesAtThisEnvironmentsPlaceAfterIt() {
    Passes passes = new Passes();
    passes.untilSettled(Seed.awake());
    Instant edge = passes.now.plusSeconds(30);
    Duration window = Duration.ofSeconds(20);
    Resolution scheduled =
        new Resolution(
            Seed.awake(), Resolution.Reason.SCHEDULE, Optional.empty(), Optional.of(edge));

    PassDecision decision = passes.decide(scheduled, new StaggerSlot("dev", window), Map.of());

    assertThat(decision.requeueAfter())
        .isEqualTo(Duration.between(passes.now, Stagger.staggered(edge, "dev", window)))
        .isLessThan(Requeue.DRIFT_CHECK);
  }

  @Test
  void invalidDesired_recordsTheGeneration_andWritesOnlyWhenTheStatusChanged() {
    EnvironmentStatus previous = EnvironmentStatus.initial();

    PassDecision first =
        PassPlanner.invalidDesired("dev", "state", "bad state", previous, GENERATION, T0);
    PassDecision again =
        PassPlanner.invalidDesired(
            "dev", "state", "bad state", first.status(), GENERATION, T0.plusSeconds(60));

    assertThat(first.writeStatus()).isTrue();
    assertThat(first.status().observedGeneration()).isEqualTo(GENERATION);
    assertThat(first.transitions()).hasSize(1);
    assertThat(first.actions()).isEmpty();
    assertThat(again.writeStatus()).isFalse();
    assertThat(again.transitions()).isEmpty();
    assertThat(again.requeueAfter()).isEqualTo(Requeue.DRIFT_CHECK);
  }
}
