package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TierPacingTest {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
  private static final int TIERS = 4;

  private final TierPacing pacing = new TierPacing();

  private static EnvironmentStatus at(Phase phase, int tier) {
    return new EnvironmentStatus(
        EnvironmentStatus.FORMAT_VERSION,
        phase,
        Optional.of(phase == Phase.SLEEPING || phase == Phase.ASLEEP ? State.ASLEEP : State.AWAKE),
        tier,
        Map.of(),
        List.of(),
        Map.of(),
        1,
        Optional.of(T0));
  }

  /** What a run of {@link #wake} saw. */
  private record Run(
      double looksPerTier, Duration worstLateness, Duration meanLateness, Instant end) {}

  /**
   * {@code environments} wake together from {@code from}, each through {@link #TIERS} tiers whose
   * tasks take {@code start} to run; every pass is a look (its observation and its end at the same
   * instant) and goes through {@link TierPacing#after} as the reconciler's does.
   *
   * @return looks per tier, and how long after a tier was done it was seen done at worst
   */
  private Run wake(int environments, Instant from, Supplier<Duration> start) {
    return wake(environments, from, Duration.ZERO, start);
  }

  /** As above, environment {@code e} starting {@code e × spacing} after {@code from}. */
  private Run wake(int environments, Instant from, Duration spacing, Supplier<Duration> start) {
    record Pass(Instant at, int env) {}
    PriorityQueue<Pass> queue =
        new PriorityQueue<>(
            (a, b) -> a.at().equals(b.at()) ? a.env() - b.env() : a.at().compareTo(b.at()));
    int[] tier = new int[environments];
    Instant[] doneAt = new Instant[environments];
    long looks = 0;
    Duration worst = Duration.ZERO;
    Duration total = Duration.ZERO;
    Instant now = from;
    for (int e = 0; e < environments; e++) {
      queue.add(new Pass(from.plus(spacing.multipliedBy(e)), e));
      tier[e] = -1;
    }
    while (!queue.isEmpty()) {
      Pass pass = queue.poll();
      now = pass.at();
      int e = pass.env();
      String env = "env-" + e;
      if (tier[e] < 0) {
        tier[e] = 0;
        doneAt[e] = now.plus(start.get());
        queue.add(
            new Pass(
                now.plus(pacing.after(env, at(Phase.WAKING, 0), true, Requeue.PROGRESS, now, now)),
                e));
        continue;
      }
      looks++;
      if (now.isBefore(doneAt[e])) {
        Duration next =
            pacing.after(env, at(Phase.WAKING, tier[e]), false, Requeue.PROGRESS, now, now);
        queue.add(new Pass(now.plus(next), e));
        continue;
      }
      Duration late = Duration.between(doneAt[e], now);
      worst = late.compareTo(worst) > 0 ? late : worst;
      total = total.plus(late);
      tier[e]++;
      if (tier[e] == TIERS) {
        pacing.after(env, at(Phase.AWAKE, -1), false, Requeue.DRIFT_CHECK, now, now);
        continue;
      }
      doneAt[e] = now.plus(start.get());
      Duration next =
          pacing.after(env, at(Phase.WAKING, tier[e]), true, Requeue.PROGRESS, now, now);
      queue.add(new Pass(now.plus(next), e));
    }
    return new Run(
        looks / (double) (environments * TIERS), worst, total.dividedBy(environments * TIERS), now);
  }

  /**
   * A team's own wake (fewer than {@link TierPacing#PACE_FROM} environments waiting for a tier):
   * the plan's polling goes on, so each tier is handed on within a poll of it running, and the
   * estimate is learnt meanwhile.
   */
  @Test
  void after_aFewEnvironments_pollAsThePlanDoes_andLearn() {
    Duration start = Duration.ofSeconds(20);
    Instant now = T0;
    Run run = null;
    for (int i = 0; i < 10; i++) {
      run = wake(TierPacing.PACE_FROM - 1, now, () -> start);
      now = run.end();
    }

    assertThat(run.worstLateness()).isLessThanOrEqualTo(Requeue.PROGRESS);
    assertThat(pacing.estimate(Phase.WAKING)).isBetween(start, start.plus(TierPacing.PRECISE));
  }

  /**
   * Environments that scaled a tier and never looked again (deleted, or taken over by another
   * replica) are forgotten after {@link TierPacing#FORGET_AFTER}: a later team's own wake is not
   * paced as if a fleet were waiting.
   */
  @Test
  void after_environmentsThatNeverLookAgain_areForgotten() {
    wake(50, T0, () -> Duration.ofSeconds(20));
    for (int e = 0; e < 10; e++) {
      pacing.after("gone-" + e, at(Phase.WAKING, 0), true, Requeue.PROGRESS, T0, T0);
    }
    Instant later = T0.plus(TierPacing.FORGET_AFTER).plusSeconds(1);

    assertThat(pacing.after("team", at(Phase.WAKING, 0), true, Requeue.PROGRESS, later, later))
        .isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void after_aScaledTier_atFirst_pollsAsThePlanDoes() {
    assertThat(pacing.after("env", at(Phase.WAKING, 0), true, Requeue.PROGRESS, T0, T0))
        .isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void after_aPassThatScaledNothing_keepsThePlansRequeue() {
    Duration drift = Requeue.DRIFT_CHECK;
    assertThat(pacing.after("env", at(Phase.AWAKE, -1), false, drift, T0, T0)).isEqualTo(drift);
    assertThat(pacing.after("env", at(Phase.WAKING, 1), false, Requeue.PROGRESS, T0, T0))
        .isEqualTo(Requeue.PROGRESS);
  }

  /**
   * Fleets of two hundred environments asked two seconds apart (as the admission line lets them
   * in), tiers taking 20 s: the first wake measures the start; from then on the first look is at
   * about 20 s, a tier costs about one look (the first few of each wake, before five wait at once,
   * poll), and none is seen done more than two polls late.
   */
  @Test
  void after_tiersTakingTwentySeconds_learnsToLookFirstAtAboutTwentySeconds() {
    Duration start = Duration.ofSeconds(20);
    Duration apart = Duration.ofSeconds(2);
    Instant now = wake(200, T0, apart, () -> start).end();

    double looks = 0;
    Duration worst = Duration.ZERO;
    for (int i = 0; i < 5; i++) {
      Run learnt = wake(200, now, apart, () -> start);
      now = learnt.end();
      looks += learnt.looksPerTier();
      worst = learnt.worstLateness().compareTo(worst) > 0 ? learnt.worstLateness() : worst;
    }

    assertThat(pacing.estimate(Phase.WAKING))
        .isBetween(start.minusSeconds(2), start.plusSeconds(2));
    assertThat(pacing.estimate(Phase.SLEEPING)).isEqualTo(Requeue.PROGRESS);
    assertThat(looks / 5).as("looks per tier, once learnt").isLessThan(1.2);
    assertThat(worst).as("latest a tier was seen done").isLessThanOrEqualTo(TierPacing.PRECISE);
  }

  /**
   * Two hundred environments scaled at the same instant, all looking at the same times: the
   * estimate is set from what they measured, not moved a step by each of them, so it does not
   * overshoot the start time (a step per look had put it at 60 s after one round).
   */
  @Test
  void after_manyEnvironmentsLookingAtOnce_theEstimateDoesNotOvershoot() {
    Duration start = Duration.ofSeconds(20);

    Run first = wake(200, T0, () -> start);
    Run second = wake(200, first.end(), () -> start);

    assertThat(pacing.estimate(Phase.WAKING))
        .isBetween(start.minusSeconds(2), start.plus(TierPacing.PRECISE));
    // The first four to scale, before five wait at once, poll their first tier every second (20
    // looks each, by design): that is 80 of the 800 tiers' looks, on top of the paced ones' 1.3.
    double unpaced = (TierPacing.PACE_FROM - 1) * 20.0 / (200 * 4);
    assertThat(second.looksPerTier()).as("looks per tier, second wake").isLessThan(1.3 + unpaced);
    assertThat(second.worstLateness()).isLessThanOrEqualTo(TierPacing.PRECISE);
  }

  /**
   * Fifty environments waking at once on a controller that has measured nothing: the looks double
   * their spacing until the first tiers are seen done, so the fleet learns with a few looks per
   * tier instead of one a second (20 for a 20 s start), and its later tiers with about one.
   */
  @Test
  void after_nothingMeasuredYet_theLooksDoubleTheirSpacing() {
    Run first = wake(50, T0, () -> Duration.ofSeconds(20));

    assertThat(first.looksPerTier()).as("looks per tier, first wake").isLessThan(3.5);
    assertThat(pacing.estimate(Phase.WAKING))
        .isBetween(Duration.ofSeconds(16), Duration.ofSeconds(22));
  }

  /**
   * Starts spread between 20 and 40 s: the first look waits for most tiers (the estimate is in the
   * spread's upper part), the rest are polled, and a tier costs well under two looks. The price is
   * that fast tiers are seen done late: on average by about half the spread.
   */
  @Test
  void after_startsSpreadOverTwentySeconds_waitsForMostAndPollsTheRest() {
    Random random = new Random(22);
    Supplier<Duration> start = () -> Duration.ofMillis(20_000 + random.nextInt(20_000));
    Run warmUp = wake(100, T0, start);

    Run measured = wake(100, warmUp.end(), start);

    assertThat(pacing.estimate(Phase.WAKING))
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(41));
    assertThat(measured.looksPerTier()).isLessThan(1.5);
    assertThat(measured.meanLateness()).isLessThan(Duration.ofSeconds(12));
  }

  /** Starts that get faster (20 s, then 10 s): the estimate follows them down. */
  @Test
  void after_startsGetFaster_theEstimateFollowsThemDown() {
    Run slow = wake(50, T0, () -> Duration.ofSeconds(20));
    assertThat(pacing.estimate(Phase.WAKING)).isGreaterThan(Duration.ofSeconds(18));

    Instant now = slow.end();
    for (int i = 0; i < 10; i++) {
      now = wake(50, now, () -> Duration.ofSeconds(10)).end();
    }

    assertThat(pacing.estimate(Phase.WAKING))
        .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
  }

  @Test
  void after_anOperationThatChangesMidTier_learnsNothing() {
    Run learnt = wake(20, T0, () -> Duration.ofSeconds(20));
    Duration estimate = pacing.estimate(Phase.WAKING);
    Instant now = learnt.end();
    pacing.after("env-x", at(Phase.WAKING, 0), true, Requeue.PROGRESS, now, now);
    now = now.plusSeconds(1);
    pacing.after("env-x", at(Phase.WAKING, 0), false, Requeue.PROGRESS, now, now);

    now = now.plusSeconds(1);
    pacing.after("env-x", at(Phase.SLEEPING, 3), true, Requeue.PROGRESS, now, now);

    assertThat(pacing.estimate(Phase.WAKING)).isEqualTo(estimate);
    assertThat(pacing.estimate(Phase.SLEEPING)).isEqualTo(Requeue.PROGRESS);
  }
}
