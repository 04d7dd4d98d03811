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
import org.junit.jupiter.api.Test;

class TierPacingTest {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

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

  @Test
  void after_aScaledTier_atFirst_pollsAsThePlanDoes() {
    assertThat(pacing.after("env", at(Phase.WAKING, 0), true, Requeue.PROGRESS, T0))
        .isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void after_aPassThatScaledNothing_keepsThePlansRequeue() {
    Duration drift = Requeue.DRIFT_CHECK;
    assertThat(pacing.after("env", at(Phase.AWAKE, -1), false, drift, T0)).isEqualTo(drift);
    assertThat(pacing.after("env", at(Phase.WAKING, 1), false, Requeue.PROGRESS, T0))
        .isEqualTo(Requeue.PROGRESS);
  }

  /**
   * Tiers that take 20 s to start, each scaled and then looked at when the estimate says and every
   * second after until done: the estimate settles near 20 s, and a tier costs about 1.2 looks.
   */
  @Test
  void after_tiersTakingTwentySeconds_learnsToLookFirstAtAboutTwentySeconds() {
    Duration start = Duration.ofSeconds(20);
    Instant now = T0;
    int looks = 0;
    int tiers = 400;
    int lateLooks = 0;
    for (int t = 0; t < tiers; t++) {
      String env = "env-" + (t % 7);
      Instant scaledAt = now;
      Duration wait = pacing.after(env, at(Phase.WAKING, 0), true, Requeue.PROGRESS, now);
      now = now.plus(wait);
      looks += t >= tiers / 2 ? 1 : 0;
      while (Duration.between(scaledAt, now).compareTo(start) < 0) {
        wait = pacing.after(env, at(Phase.WAKING, 0), false, Requeue.PROGRESS, now);
        now = now.plus(wait);
        looks += t >= tiers / 2 ? 1 : 0;
      }
      if (t >= tiers / 2 && Duration.between(scaledAt, now).compareTo(start.plusSeconds(3)) > 0) {
        lateLooks++;
      }
      pacing.after(env, at(Phase.AWAKE, -1), false, Requeue.DRIFT_CHECK, now);
    }

    assertThat(pacing.estimate(Phase.WAKING))
        .isBetween(Duration.ofSeconds(18), start.plusSeconds(3));
    assertThat(pacing.estimate(Phase.SLEEPING)).isEqualTo(Requeue.PROGRESS);
    assertThat(looks / (tiers / 2.0)).as("looks per tier, once learnt").isLessThan(1.4);
    assertThat(lateLooks).as("tiers seen done more than 3 s late, once learnt").isZero();
  }

  @Test
  void after_anEarlyLookFromAnotherTrigger_thatFindsTheTierWorking_doesNotRaiseTheEstimate() {
    pacing.after("env", at(Phase.WAKING, 0), true, Requeue.PROGRESS, T0);

    pacing.after("env", at(Phase.WAKING, 0), false, Requeue.PROGRESS, T0.plusMillis(100));

    assertThat(pacing.estimate(Phase.WAKING)).isEqualTo(Requeue.PROGRESS);
  }
}
